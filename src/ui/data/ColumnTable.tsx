import { Fragment, memo, useCallback, useMemo, useRef, useState } from 'react'
import type { ColumnProfile } from '../../core/table/profile/profile'
import { DistributionChart } from '../charts/DistributionChart'
import { Sparkline } from '../charts/Sparkline'
import { setAllFeatures, setFeature, useDataStore } from '../../state/data-store'
import { isCleaned, useShownVersion, useShownView } from '../../state/data-version'
import { useRowFocus } from '../common/use-row-focus'
import { useScrollViewport } from '../common/use-scroll-viewport'
import { useObservedHeight, useRemHeight } from '../common/use-sizes'
import { rowWindow } from '../common/virtual-rows'
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

/** Fixed column widths (in app.css): the browser lays the table out without measuring rows, and columns keep their width as rows scroll in. */
const COLUMN_CLASSES = ['c-feature', 'c-name', 'c-type', 'c-missing', 'c-count', 'c-stat', 'c-stat', 'c-stat', 'c-stat', 'c-dist', 'c-top']
const COLUMN_COUNT = COLUMN_CLASSES.length
/** Tables up to this many columns are drawn whole; longer ones only around what is in view. */
const FULL_RENDER_LIMIT = 60
const OVERSCAN = 5
/** Height of a row, in rem (app.css gives `tr.col-row` this height; its content always fits). */
const ROW_REM = 2.75
/** First guess at an opened column's detail, replaced by its measured height. */
const DETAIL_HEIGHT = 320

/** The column profile of the shown version, with a feature toggle on every row. */
export function ColumnTable() {
  const view = useShownView()
  const version = useShownVersion()
  const cleaned = useDataStore(isCleaned)
  const [open, setOpen] = useState<string | null>(null)
  if (!view) return null
  return (
    <section className="card" aria-labelledby="columns-title">
      <div className="card-head">
        <h2 id="columns-title">
          Columns {cleaned && <span className="muted version-note">· {version === 'original' ? 'original data' : 'cleaned data'}</span>}
        </h2>
        <div className="row">
          <button type="button" className="ghost small" onClick={() => setAllFeatures(true)}>
            Use all as features
          </button>
          <button type="button" className="ghost small" onClick={() => setAllFeatures(false)}>
            Use none
          </button>
        </div>
      </div>
      <p className="hint" id="columns-keys">
        In the table, ↑ and ↓ move between columns, Page Up and Page Down by a screenful, Home and End to the first and last.
      </p>
      <ColumnRows columns={view.profile.columns} open={open} setOpen={setOpen} />
    </section>
  )
}

/**
 * The table itself, virtualised: in a scroll box, only the rows in view (and a
 * few either side) are in the DOM, between spacer rows of the height of those
 * left out; aria-rowcount and aria-rowindex tell assistive technology the full
 * size, and the row holding keyboard focus is always kept.
 */
function ColumnRows({ columns, open, setOpen }: { columns: ColumnProfile[]; open: string | null; setOpen: (name: string | null) => void }) {
  const scroller = useRef<HTMLDivElement>(null)
  const head = useRef<HTMLTableSectionElement>(null)
  const viewport = useScrollViewport(scroller)
  const rowHeight = useRemHeight(ROW_REM)
  const headHeight = useObservedHeight(head, 36)
  const [detailHeight, setDetailHeight] = useState(DETAIL_HEIGHT)
  const names = useMemo(() => columns.map((c) => c.name), [columns])
  const { body, focused, handlers } = useRowFocus(names, Math.max(1, Math.floor(viewport.height / rowHeight) - 1))

  const openIndex = open === null ? -1 : columns.findIndex((c) => c.name === open)
  const focusedIndex = focused === null ? -1 : columns.findIndex((c) => c.name === focused)
  const layout = { count: columns.length, rowHeight, expanded: openIndex >= 0 ? { index: openIndex, height: detailHeight } : null }
  const overscan = columns.length <= FULL_RENDER_LIMIT ? columns.length : OVERSCAN
  const rows = rowWindow(layout, viewport.top - headHeight, viewport.height, overscan, focusedIndex >= 0 ? focusedIndex : null)

  const observeDetail = useCallback((el: HTMLTableRowElement | null) => {
    if (!el) return
    const observer = new ResizeObserver(() => setDetailHeight(el.offsetHeight))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const rowIndex = (i: number) => i + 2 + (openIndex >= 0 && i > openIndex ? 1 : 0)

  return (
    <div className="table-scroll columns-scroll" ref={scroller}>
      <table className="data-table profile-table" aria-label="Column profile" aria-describedby="columns-keys" aria-rowcount={columns.length + 1 + (openIndex >= 0 ? 1 : 0)}>
        <colgroup>
          {COLUMN_CLASSES.map((name, i) => (
            <col key={i} className={name} />
          ))}
        </colgroup>
        <thead ref={head}>
          <tr aria-rowindex={1}>
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
        <tbody ref={body} {...handlers}>
          {rows.indices.map((i, k) => {
            const c = columns[i]
            return (
              <Fragment key={c.name}>
                {rows.spaceBefore[k] > 0 && <Spacer height={rows.spaceBefore[k]} />}
                <ColumnRow column={c} rowIndex={rowIndex(i)} open={i === openIndex} onToggle={setOpen} />
                {i === openIndex && (
                  <tr className="detail-row" ref={observeDetail} aria-rowindex={rowIndex(i) + 1}>
                    <td colSpan={COLUMN_COUNT}>
                      <ColumnDetail column={c} />
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
          {rows.spaceAfter > 0 && <Spacer height={rows.spaceAfter} />}
        </tbody>
      </table>
    </div>
  )
}

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="spacer" style={{ height }}>
      <td colSpan={COLUMN_COUNT} />
    </tr>
  )
}

/**
 * One column. Memoised, and subscribed only to its own feature tick and
 * target status, so ticking a box or picking a target redraws the rows that
 * changed, not all of them.
 */
const ColumnRow = memo(function ColumnRow({ column: c, rowIndex, open, onToggle }: { column: ColumnProfile; rowIndex: number; open: boolean; onToggle: (name: string | null) => void }) {
  // One subscription per row, to a small code: the row redraws only when its own status changes.
  // A column the recipe removed (listed when the original data is shown) has no tick box.
  const status = useDataStore((s) => (s.target === c.name ? 'target' : !(c.name in s.features) ? 'removed' : s.features[c.name] ? 'feature' : 'excluded'))
  const isTarget = status === 'target'
  const included = status === 'feature'
  const present = status !== 'removed'
  return (
    <tr className={`col-row${isTarget ? ' is-target' : included ? '' : ' excluded'}`} data-row={c.name} data-column={c.name} aria-rowindex={rowIndex}>
      <td>
        {isTarget ? (
          <span className="badge target-badge">Target</span>
        ) : present ? (
          <input type="checkbox" data-control="feature" checked={included} aria-label={`Use ${c.name} as a feature`} onChange={(e) => setFeature(c.name, e.target.checked)} />
        ) : (
          <span className="muted small" title="The cleaning recipe removes this column">removed</span>
        )}
      </td>
      <th scope="row" className="col-name">
        <button type="button" className="link col-toggle" data-control="details" title={c.name} aria-expanded={open} onClick={() => onToggle(open ? null : c.name)} aria-label={`${c.name}: ${open ? 'hide' : 'show'} details`}>
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
        {c.storage === 'category' || c.distinct <= 10 ? (
          <div className="chips">
            {c.topValues.slice(0, 3).map((v) => (
              <span key={v.value} className="chip" title={`${v.value}: ${formatNumber(v.count)} rows`}>
                <span className="chip-value">{v.value}</span> <span className="muted">×{formatNumber(v.count)}</span>
              </span>
            ))}
          </div>
        ) : null}
      </td>
    </tr>
  )
})

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
