import type { ColumnProfile } from '../../core/table/profile'
import { setAllFeatures, setFeature, useDataStore } from '../../state/data-store'
import { formatNumber, formatPercent } from '../common/format'

const KIND_HELP: Record<string, string> = {
  numeric: 'Numbers',
  categorical: 'A few repeated text values',
  boolean: 'Two values such as 0/1 or yes/no',
  identifier: 'Unique per row, like a patient ID: not a feature',
  text: 'Free text: not used as a feature yet',
  constant: 'The same value in every row: carries no information',
}

/** The column profile, with a feature toggle on every row. */
export function ColumnTable() {
  const dataset = useDataStore((s) => s.dataset)
  const features = useDataStore((s) => s.features)
  const target = useDataStore((s) => s.target)
  if (!dataset) return null
  return (
    <section className="card" aria-labelledby="columns-title">
      <div className="card-head">
        <h2 id="columns-title">Columns</h2>
        <div className="row">
          <button type="button" className="ghost small" onClick={() => setAllFeatures(true)}>
            Use all as features
          </button>
          <button type="button" className="ghost small" onClick={() => setAllFeatures(false)}>
            Use none
          </button>
        </div>
      </div>
      <div className="table-scroll">
        <table className="data-table profile-table" aria-label="Column profile">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">Missing</th>
              <th scope="col" className="num">Distinct</th>
              <th scope="col" className="num">Min</th>
              <th scope="col" className="num">Mean</th>
              <th scope="col" className="num">Max</th>
              <th scope="col">Most frequent</th>
            </tr>
          </thead>
          <tbody>
            {dataset.profile.columns.map((c) => (
              <ColumnRow key={c.name} column={c} included={!!features[c.name]} isTarget={c.name === target} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function ColumnRow({ column: c, included, isTarget }: { column: ColumnProfile; included: boolean; isTarget: boolean }) {
  return (
    <tr className={isTarget ? 'is-target' : included ? '' : 'excluded'}>
      <td>
        {isTarget ? (
          <span className="badge target-badge">Target</span>
        ) : (
          <input type="checkbox" checked={included} aria-label={`Use ${c.name} as a feature`} onChange={(e) => setFeature(c.name, e.target.checked)} />
        )}
      </td>
      <th scope="row" className="col-name">
        {c.name}
      </th>
      <td>
        <span className={`kind kind-${c.kind}`} title={KIND_HELP[c.kind]}>
          {c.kind}
        </span>
      </td>
      <td className="num">
        {formatNumber(c.missing)} <span className="muted">({formatPercent(c.missingShare)})</span>
      </td>
      <td className="num">{formatNumber(c.distinct)}</td>
      <td className="num">{formatNumber(c.numeric?.min)}</td>
      <td className="num">{formatNumber(c.numeric?.mean)}</td>
      <td className="num">{formatNumber(c.numeric?.max)}</td>
      <td className="top-values">
        {c.storage === 'category' || c.distinct <= 10
          ? c.topValues.slice(0, 3).map((v) => (
              <span key={v.value} className="chip">
                {v.value} <span className="muted">×{formatNumber(v.count)}</span>
              </span>
            ))
          : null}
      </td>
    </tr>
  )
}
