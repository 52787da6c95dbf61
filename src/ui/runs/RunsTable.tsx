import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { FAMILIES } from '../../core/model/registry'
import { runValidation } from '../../core/tracking/run-validation'
import { plainMessage } from '../../core/user-message'
import type { RunRow as Run } from '../../services/storage/run-rows'
import { RUN_COLUMNS, type RunColumn } from '../../state/run-query'
import { openRun, sortBy, toggleSelected, useRunsStore, visibleRuns } from '../../state/runs-store'
import { formatDate, formatDuration, formatMetric, formatNumber } from '../common/format'

const ROW_HEIGHT = 44
const OVERSCAN = 8

/**
 * The runs table, virtualised: only the rows in view (plus a few) are in the
 * DOM, with spacer rows above and below, so 5,000 runs scroll and sort smoothly.
 */
export function RunsTable() {
  const runs = useRunsStore((s) => visibleRuns(s))
  const columns = useRunsStore((s) => s.columns)
  const sort = useRunsStore((s) => s.sort)
  const selected = useRunsStore((s) => s.selected)
  const openId = useRunsStore((s) => s.openRunId)
  const scroller = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 600 })
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    // The same state when nothing moved: a resize or scroll event that changes nothing redraws nothing.
    const update = () => {
      const top = el.scrollTop
      const height = el.clientHeight
      setView((v) => (v.top === top && v.height === height ? v : { top, height }))
    }
    update()
    el.addEventListener('scroll', update, { passive: true })
    const observer = new ResizeObserver(update)
    observer.observe(el)
    return () => {
      el.removeEventListener('scroll', update)
      observer.disconnect()
    }
  }, [])
  const shown = useMemo(() => RUN_COLUMNS.filter((c) => columns.includes(c.id)), [columns])
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(runs.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN)
  return (
    <div className="table-scroll runs-scroll" ref={scroller}>
      <table className="data-table runs-table" aria-label="Runs" aria-rowcount={runs.length + 1}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Compare</span>
            </th>
            {shown.map((c) => (
              <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="sort-button" onClick={() => sortBy(c.id)}>
                  {c.label}
                  <span aria-hidden="true">{sort.column === c.id ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
          {runs.slice(first, last).map((run, i) => (
            // Keyed by place, as virtualised lists are: after a sort or a filter each row is the same
            // <tr> showing another run (its cells updated in place), not a row removed and a new one built.
            <RunRow key={first + i} run={run} index={first + i} columns={shown} selected={selected.includes(run.id)} open={run.id === openId} />
          ))}
          {last < runs.length && <tr aria-hidden="true" style={{ height: (runs.length - last) * ROW_HEIGHT }} />}
        </tbody>
      </table>
    </div>
  )
}

/** One run's row; memoised, so ticking or opening one run redraws only its row. */
const RunRow = memo(function RunRow({ run, index, columns, selected, open }: { run: Run; index: number; columns: RunColumn[]; selected: boolean; open: boolean }) {
  const when = formatDate(run.startedAt)
  const label = `${FAMILIES[run.family]?.label ?? run.family} run of ${when}`
  return (
    <tr className={open ? 'selected' : undefined} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
      <td>
        <input type="checkbox" aria-label={`Compare the ${label}`} checked={selected} onChange={() => toggleSelected(run.id)} />
      </td>
      {columns.map((c) => (
        <td key={c.id} className={c.numeric ? 'num' : undefined}>
          <Cell run={run} column={c} />
        </td>
      ))}
      <td className="actions-cell">
        <button type="button" className="ghost small" onClick={() => openRun(open ? null : run.id)} aria-pressed={open} aria-label={`${open ? 'Hide' : 'Open'} the ${label}`}>
          {open ? 'Hide' : 'Open'}
        </button>
      </td>
    </tr>
  )
})

function Cell({ run, column }: { run: Run; column: RunColumn }) {
  const value = column.value(run)
  switch (column.id) {
    case 'startedAt':
      return <time dateTime={run.startedAt}>{formatDate(run.startedAt)}</time>
    case 'status':
      return (
        <span className={`status status-${run.status}`} title={run.error ? plainMessage(run.error) : undefined}>
          {run.status}
        </span>
      )
    case 'dataset':
      return (
        <span title={`fingerprint ${run.dataset.fingerprint} · ${formatNumber(run.dataset.rows)} × ${run.dataset.columns}`}>
          {run.dataset.name}
        </span>
      )
    case 'family':
      return <span>{FAMILIES[run.family]?.label ?? run.family}</span>
    case 'validation': {
      const validation = runValidation(run)
      return <span className={`badge validation-${validation.kind}`}>{validation.label}</span>
    }
    case 'durationMs':
      return <span>{formatDuration(run.durationMs)}</span>
    case 'rows':
      return <span>{formatNumber(run.dataset.rows)}</span>
    default:
      return <span>{column.numeric ? (value === null ? '—' : formatMetric(value as number)) : String(value ?? '')}</span>
  }
}
