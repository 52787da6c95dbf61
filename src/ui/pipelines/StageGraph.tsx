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
            {messages.length > 0 && (
              <ul className="stage-box-messages">
                {messages.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ol>
  )
}
