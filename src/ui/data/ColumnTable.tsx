import { Fragment, useState } from 'react'
import type { ColumnProfile } from '../../core/table/profile'
import { DistributionChart } from '../charts/DistributionChart'
import { Sparkline } from '../charts/Sparkline'
import { setAllFeatures, setFeature, useDataStore } from '../../state/data-store'
import { formatNumber, formatPercent } from '../common/format'

const KIND_HELP: Record<string, string> = {
  numeric: 'Numbers',
  categorical: 'A few repeated text values',
  boolean: 'Two values such as 0/1 or yes/no',
  identifier: 'Unique per row, like a patient ID: not a feature',
  text: 'Free text: not used as a feature yet',
  constant: 'The same value in every row: carries no information',
  date: 'Dates or times: not a feature by default (new patients come on other days)',
}

/** The column profile, with a feature toggle on every row. */
export function ColumnTable() {
  const view = useDataStore((s) => s.view)
  const features = useDataStore((s) => s.features)
  const target = useDataStore((s) => s.target)
  const [open, setOpen] = useState<string | null>(null)
  if (!view) return null
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
              <th scope="col" className="num">Median</th>
              <th scope="col" className="num">Mean</th>
              <th scope="col" className="num">Max</th>
              <th scope="col">Distribution</th>
              <th scope="col">Most frequent</th>
            </tr>
          </thead>
          <tbody>
            {view.profile.columns.map((c) => (
              <Fragment key={c.name}>
                <ColumnRow column={c} included={!!features[c.name]} isTarget={c.name === target} open={open === c.name} onToggle={() => setOpen(open === c.name ? null : c.name)} />
                {open === c.name && (
                  <tr className="detail-row">
                    <td colSpan={11}>
                      <ColumnDetail column={c} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function ColumnRow({ column: c, included, isTarget, open, onToggle }: { column: ColumnProfile; included: boolean; isTarget: boolean; open: boolean; onToggle: () => void }) {
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
        <button type="button" className="link col-toggle" aria-expanded={open} onClick={onToggle} aria-label={`${c.name}: ${open ? 'hide' : 'show'} details`}>
          {c.name}
        </button>
        {c.description && <span className="muted small col-description"> {c.description}</span>}
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
      <td className="num">{c.dateRange?.min ?? formatNumber(c.numeric?.min)}</td>
      <td className="num">{formatNumber(c.numeric?.median)}</td>
      <td className="num">{formatNumber(c.numeric?.mean)}</td>
      <td className="num">{c.dateRange?.max ?? formatNumber(c.numeric?.max)}</td>
      <td>
        <Sparkline distribution={c.distribution} label={`Distribution of ${c.name}`} />
      </td>
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

/** The opened column: full chart and summary numbers. */
function ColumnDetail({ column: c }: { column: ColumnProfile }) {
  return (
    <div className="column-detail">
      <DistributionChart column={c} />
      {c.numeric && (
        <dl className="stats compact">
          {(['min', 'q1', 'median', 'q3', 'max', 'mean', 'std'] as const).map((k) => (
            <div key={k}>
              <dt>{k === 'q1' ? 'Q1 (25%)' : k === 'q3' ? 'Q3 (75%)' : k === 'std' ? 'Std. dev.' : k[0].toUpperCase() + k.slice(1)}</dt>
              <dd>{formatNumber(c.numeric?.[k])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
