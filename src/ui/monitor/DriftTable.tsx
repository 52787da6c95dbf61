import { Fragment, useMemo, useState, type MouseEvent } from 'react'
import type { ColumnDrift, DriftReport } from '../../core/drift/types'
import { columnVerdict, formatStat, judgeText, sortedColumns, TEST_LABELS, TEST_SHORT_LABELS } from '../../state/drift-view'
import { openColumn, useMonitorStore } from '../../state/monitor-store'
import { formatPercent } from '../common/format'
import { useRowFocus } from '../common/use-row-focus'
import { DriftOverlay } from './DriftOverlay'
import { OverrideForm } from './OverrideForm'

/**
 * Every compared column, most drifted first: its verdict, the test and the
 * number it was judged by, PSI, missing values on each side and a small
 * overlay chart. Choosing a row (click, or Enter on its name) opens the large
 * chart; ↑/↓ move between rows; "Change test" edits that column's test and threshold.
 */
export function DriftTable({ report }: { report: DriftReport }) {
  const rows = useMemo(() => sortedColumns(report.columns), [report])
  const open = useMonitorStore((s) => s.openColumn)
  const [editing, setEditing] = useState<string | null>(null)
  const { body, handlers } = useRowFocus(
    rows.map((r) => r.name),
    10,
  )
  return (
    <section className="card" aria-labelledby="drift-table-title">
      <h2 id="drift-table-title">Columns, most drifted first</h2>
      <p className="muted">
        Grey bars: the reference; teal outline: the current data. Choose a column's name to see both distributions in full.
      </p>
      <div className="table-scroll">
        <table className="data-table drift-table" aria-label="Drift by column">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Verdict</th>
              <th scope="col">Test</th>
              <th scope="col">Result</th>
              <th scope="col" className="num">
                PSI
              </th>
              <th scope="col">Missing (reference → current)</th>
              <th scope="col">Distributions</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody ref={body} {...handlers}>
            {rows.map((c) => (
              <Fragment key={c.name}>
                <DriftRow column={c} open={open === c.name} editing={editing === c.name} onEdit={() => setEditing(editing === c.name ? null : c.name)} />
                {editing === c.name && (
                  <tr className="detail-row">
                    <td colSpan={8}>
                      <OverrideForm column={c} onDone={() => setEditing(null)} />
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

function DriftRow({ column: c, open, editing, onEdit }: { column: ColumnDrift; open: boolean; editing: boolean; onEdit: () => void }) {
  const verdict = columnVerdict(c)
  const stop = (event: MouseEvent) => event.stopPropagation()
  return (
    <tr data-row={c.name} className={`${c.drifted ? 'drifted' : ''}${open ? ' selected' : ''}`} onClick={() => openColumn(c.name)}>
      <th scope="row">
        <button
          type="button"
          className="link col-toggle"
          data-control="open"
          aria-label={`${c.name}: show distributions`}
          aria-pressed={open}
          onClick={(e) => {
            stop(e)
            openColumn(open ? null : c.name)
          }}
        >
          {c.name}
        </button>
      </th>
      <td>
        <span className={`badge ${verdict === 'Drifted' || (c.drifted && verdict !== 'Missing') ? 'warn' : verdict === 'No drift' ? 'info' : ''}`}>{verdict}</span>
        {c.problem && <div className="small muted problem-note">{c.problem.message}</div>}
      </td>
      <td title={TEST_LABELS[c.test]}>
        {TEST_SHORT_LABELS[c.test]}
        {c.overridden && <span className="small muted"> (your choice)</span>}
      </td>
      <td className="mono">{c.problem?.code === 'drift/missing-column' ? '—' : judgeText(c)}</td>
      <td className="num mono">{formatStat(c.psi)}</td>
      <td className="mono">
        {formatPercent(c.referenceMissingShare)} → {formatPercent(c.currentMissingShare)}
      </td>
      <td>
        <DriftOverlay distribution={c.distribution} label={`${c.name}: reference and current distributions`} />
      </td>
      <td onClick={stop}>
        <button type="button" className="small" data-control="edit" aria-expanded={editing} aria-label={`Change the test for ${c.name}`} onClick={onEdit}>
          Change test
        </button>
      </td>
    </tr>
  )
}
