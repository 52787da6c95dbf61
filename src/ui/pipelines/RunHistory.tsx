import { useState } from 'react'
import type { StoredPipelineRun } from '../../services/pipeline-storage'
import { formatDate, formatDuration, formatNumber } from '../common/format'
import { safeFileName } from '../common/download'
import { StageGraph } from './StageGraph'
import { STAGE_LABELS, stageProblem } from './stage-view'

const OUTCOME_TEXT: Record<StoredPipelineRun['outcome'], string> = { promoted: '✓ Promoted', kept: '■ Kept out', failed: '✕ Failed' }

/** The runs of one pipeline, newest first; any run's stages can be opened below the table. */
export function RunHistory({ name, runs }: { name: string; runs: StoredPipelineRun[] }) {
  const [open, setOpen] = useState<string | null>(null)
  if (runs.length === 0) return <p className="muted">No runs yet: drop a file above to run the pipeline on it.</p>
  const shown = runs.find((r) => r.id === open)
  return (
    <>
      <div className="table-scroll">
        <table className="data-table" aria-label={`Runs of ${name}`}>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Data</th>
              <th scope="col" className="num">Rows</th>
              <th scope="col">Outcome</th>
              <th scope="col">Decision</th>
              <th scope="col" className="num">Took</th>
              <th scope="col">
                <span className="visually-hidden">Stages</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const failed = r.stages.find((s) => s.status === 'failed')
              const when = formatDate(r.startedAt)
              return (
                <tr key={r.id}>
                  <th scope="row">
                    <time dateTime={r.startedAt}>{when}</time>
                  </th>
                  <td>{r.data.name}</td>
                  <td className="num">{formatNumber(r.data.rows)}</td>
                  <td>
                    <span className={`outcome outcome-${r.outcome}`}>{OUTCOME_TEXT[r.outcome]}</span>
                  </td>
                  <td className="decision">{r.decision ? r.decision.comment : failed ? `Stopped at ${STAGE_LABELS[failed.stage]}: ${stageProblem(failed) ?? ''}` : '—'}</td>
                  <td className="num">{formatDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt))}</td>
                  <td>
                    <button type="button" className="ghost small" aria-pressed={open === r.id} aria-label={`Stages of the run of ${when} on ${r.data.name}`} onClick={() => setOpen(open === r.id ? null : r.id)}>
                      {open === r.id ? 'Hide stages' : 'Show stages'}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {shown && (
        <div className="pipeline-run-stages">
          <h4>
            Run of {formatDate(shown.startedAt)} on {shown.data.name}
          </h4>
          <StageGraph stages={shown.stages} label={`Stages of the run of ${formatDate(shown.startedAt)}`} idPrefix={`hist-${safeFileName(name)}-${shown.id}`} />
        </div>
      )}
    </>
  )
}
