import { useEffect, useState } from 'react'
import { cancelTraining, useTrainStore, type ActiveRun } from '../../state/train-store'
import { LossChart } from '../charts/LossChart'
import { ProgressBar } from '../common/ProgressBar'
import { formatDuration } from '../common/format'

/** Every run in progress, each with its own progress bar, elapsed time, estimate and Cancel. */
export function TrainingProgress() {
  const active = useTrainStore((s) => s.active)
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (active.length === 0) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [active.length])
  if (active.length === 0) return null
  return (
    <ul className="active-runs" aria-label="Runs in progress">
      {active.map((run) => (
        <ActiveRunRow key={run.id} run={run} now={now} />
      ))}
    </ul>
  )
}

function ActiveRunRow({ run, now }: { run: ActiveRun; now: number }) {
  const elapsed = now - run.startedAt
  const p = run.progress
  const unit = p?.unit ?? 'iteration'
  let text: string
  if (run.queued) text = 'Waiting for a free training worker…'
  else if (!p) text = `Preparing data · ${formatDuration(elapsed)}`
  else {
    const share = p.done / Math.max(1, p.total)
    // Iterative solvers (L-BFGS) usually stop long before their limit, so no estimate for them.
    const estimate = unit !== 'iteration' && share > 0.02 ? ` · about ${formatDuration((elapsed / share) * (1 - share))} left` : ''
    const loss = p.validLoss !== undefined ? ` · validation loss ${p.validLoss.toFixed(4)}` : p.loss !== undefined ? ` · loss ${p.loss.toFixed(4)}` : ''
    text = `${capitalise(unit)} ${p.done} of ${unit === 'iteration' ? 'at most ' : ''}${p.total}${loss} · ${formatDuration(elapsed)}${estimate}`
  }
  return (
    <li className="training-progress">
      <div className="progress-head">
        <strong>{run.label}</strong>
      </div>
      <ProgressBar label={`Training progress of ${run.label}`} value={p && !run.queued ? p.done : null} max={p ? p.total : 1} text={text} />
      <button type="button" className="danger" aria-label={`Cancel ${run.label}`} onClick={() => cancelTraining(run.id)}>
        Cancel
      </button>
      {run.history.length > 1 && (
        <div className="live-loss">
          <LossChart history={run.history} best={null} unit={p?.unit === 'epoch' ? 'Epoch' : 'Round'} />
        </div>
      )}
    </li>
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
