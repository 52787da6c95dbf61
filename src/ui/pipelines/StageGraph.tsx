import type { StageRecord } from '../../core/workflow/types'
import { formatDuration, formatNumber } from '../common/format'
import { rowsText, STAGE_LABELS, stageProblem, STATUS_SYMBOL, STATUS_TEXT } from './stage-view'

/**
 * A pipeline's eight stages drawn left to right as Airflow's graph view draws
 * a DAG: one box per stage with its status (a symbol and a word as well as a
 * colour), duration, rows in and out, and its messages. `label` names the
 * list for assistive technology and tests ("Stages of Stroke nightly").
 */
export function StageGraph({ stages, label, idPrefix }: { stages: StageRecord[]; label: string; idPrefix: string }) {
  return (
    <ol className="stage-graph" aria-label={label}>
      {stages.map((s) => {
        const headId = `${idPrefix}-${s.stage}`
        const rows = rowsText(s.rowsIn, s.rowsOut, (n) => formatNumber(n))
        const problem = stageProblem(s)
        // The runner also adds the error's sentence to the messages: shown once, as the error.
        const messages = s.messages.filter((m) => m !== problem)
        return (
          <li key={s.stage} className={`stage-box stage-box-${s.status}`} aria-labelledby={headId} aria-current={s.status === 'running' ? 'step' : undefined}>
            <div className="stage-box-head">
              <strong id={headId}>{STAGE_LABELS[s.stage]}</strong>
              <span className="stage-box-status">
                <span aria-hidden="true" className="stage-box-symbol">
                  {STATUS_SYMBOL[s.status]}
                </span>{' '}
                {STATUS_TEXT[s.status]}
              </span>
            </div>
            {(s.durationMs !== null || rows) && (
              <p className="stage-box-facts">
                {s.durationMs !== null && <span>{formatDuration(s.durationMs)}</span>}
                {s.durationMs !== null && rows && ' · '}
                {rows && <span>{rows}</span>}
              </p>
            )}
            {problem && <p className="stage-box-error">{problem}</p>}
            <Messages messages={messages} />
          </li>
        )
      })}
    </ol>
  )
}

/** How many messages a box shows before the rest fold away (a cleaning recipe reports one line per rule). */
const SHOWN_MESSAGES = 3

function Messages({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null
  const rest = messages.slice(SHOWN_MESSAGES)
  return (
    <>
      <ul className="stage-box-messages">
        {messages.slice(0, SHOWN_MESSAGES).map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="stage-box-more">
          <summary>{rest.length} more</summary>
          <ul className="stage-box-messages">
            {rest.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  )
}
