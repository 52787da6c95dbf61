import { useRef } from 'react'
import { useDataStore } from '../../state/data-store'
import { isCleaned, useShownVersion, useShownView } from '../../state/data-version'
import { useScrollViewport } from '../common/use-scroll-viewport'
import { rowWindow } from '../common/virtual-rows'

/** Tables up to this many columns are drawn whole; wider ones only around what is in view. */
const FULL_RENDER_LIMIT = 60
/** Width of a column of a wide table, in px: fixed, so the columns left out can be stood in for by spacers. */
const COLUMN_WIDTH = 140
const OVERSCAN = 3

/**
 * The first rows of the shown version of the table. A wide table (hundreds of
 * columns) has fixed-width columns and draws only those scrolled into view,
 * so 20 rows × 500 columns stay a few hundred cells, not 10,000.
 */
export function PreviewTable() {
  const view = useShownView()
  const version = useShownVersion()
  const cleaned = useDataStore(isCleaned)
  const scroller = useRef<HTMLDivElement>(null)
  const viewport = useScrollViewport(scroller)
  if (!view) return null
  const names = view.columnNames
  const title = `First ${view.preview.length} rows${cleaned ? (version === 'original' ? ' of the original data' : ' of the cleaned data') : ''}`
  const wide = names.length > FULL_RENDER_LIMIT
  const inView = wide ? rowWindow({ count: names.length, rowHeight: COLUMN_WIDTH }, viewport.left, viewport.width, OVERSCAN) : null
  const shown = inView ? inView.indices : names.map((_, i) => i)
  const left = inView?.spaceBefore[0] ?? 0
  const right = inView?.spaceAfter ?? 0
  const spacer = (side: string, width: number) => width > 0 && <td key={side} className="spacer" aria-hidden="true" />
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{title}</h2>
      {/* Focusable so the box can be scrolled from the keyboard (it holds no controls of its own). */}
      <div className="table-scroll preview-scroll" ref={scroller} tabIndex={0} role="region" aria-label={`${title}, scrollable`}>
        <table
          className={`data-table preview${wide ? ' wide' : ''}`}
          aria-label="First rows"
          aria-colcount={names.length}
          style={inView ? { width: inView.totalHeight } : undefined}
        >
          {inView && (
            <colgroup>
              {left > 0 && <col style={{ width: left }} />}
              {shown.map((c) => (
                <col key={c} style={{ width: COLUMN_WIDTH }} />
              ))}
              {right > 0 && <col style={{ width: right }} />}
            </colgroup>
          )}
          <thead>
            <tr>
              {spacer('left', left)}
              {shown.map((c) => (
                <th key={names[c]} scope="col" aria-colindex={c + 1} title={wide ? names[c] : undefined}>
                  {names[c]}
                </th>
              ))}
              {spacer('right', right)}
            </tr>
          </thead>
          <tbody>
            {view.preview.map((row, r) => (
              <tr key={r}>
                {spacer('left', left)}
                {shown.map((c) => {
                  const cell = row[c]
                  return (
                    <td key={c} aria-colindex={c + 1} className={cell === '' ? 'missing' : undefined} title={wide && cell !== '' ? cell : undefined}>
                      {cell === '' ? <MissingCell /> : cell}
                    </td>
                  )
                })}
                {spacer('right', right)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function MissingCell() {
  return (
    <>
      <span aria-hidden="true">·</span>
      <span className="visually-hidden">missing</span>
    </>
  )
}
