import { useEffect, useState } from 'react'
import { cancelTraining, useTrainStore } from '../../state/train-store'
import { ProgressBar } from '../common/ProgressBar'
import { formatDuration } from '../common/format'

/** Progress of the running fit, with elapsed time and a Cancel button. */
export function TrainingProgress() {
  const progress = useTrainStore((s) => s.progress)
  const startedAt = useTrainStore((s) => s.startedAt)
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200)
    return () => clearInterval(timer)
  }, [])
  const elapsed = startedAt ? now - startedAt : 0
  const text = progress
    ? `Iteration ${progress.done} of at most ${progress.total}${progress.loss !== undefined ? ` · loss ${progress.loss.toFixed(4)}` : ''} · ${formatDuration(elapsed)}`
    : `Preparing data · ${formatDuration(elapsed)}`
  return (
    <div className="training-progress" aria-live="polite">
      <ProgressBar label="Training progress" value={progress ? progress.done : null} max={progress ? progress.total : 1} text={text} />
      <button type="button" className="danger" onClick={cancelTraining}>
        Cancel
      </button>
    </div>
  )
}
