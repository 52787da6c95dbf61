import { familyInfo } from '../../core/model/registry'
import { crossValidateCurrent, evaluationBlocker, startLeaderboard, startSearch, useEvalStore } from '../../state/eval-store'
import { useDataStore } from '../../state/data-store'
import { useTrainStore } from '../../state/train-store'
import { Alert } from '../common/Alert'
import { ActivityPanel } from './ActivityPanel'
import { CvResults } from './CvResults'
import { SchemeSettings } from './SchemeSettings'
import { SearchSettings } from './SearchSettings'

/** Cross-validation, hyperparameter search and the one-click leaderboard. */
export function EvaluatePage() {
  const family = useTrainStore((s) => s.family)
  const error = useEvalStore((s) => s.error)
  // Re-render when anything that decides the blocker changes.
  useEvalStore((s) => [s.k, s.scheme, s.groupColumn, s.activity?.finishedAt].join())
  useDataStore((s) => [s.target, s.task, s.targetProfile].join())
  const blocker = evaluationBlocker()
  const label = familyInfo(family).label
  return (
    <div className="page">
      <section className="card" aria-labelledby="evaluate-title">
        <h2 id="evaluate-title">Evaluate and compare</h2>
        <p className="lede">
          Cross-validate the model set on the Train page ({label}), search its parameters across the training workers, or rank every model family with one click.
        </p>
        <SchemeSettings />
        <div className="actions">
          <button type="button" className="primary" disabled={blocker !== null} onClick={() => void crossValidateCurrent()}>
            Cross-validate {label}
          </button>
          <button type="button" className="primary" disabled={blocker !== null} onClick={() => void startLeaderboard()}>
            Run the leaderboard
          </button>
          {blocker && <span className="hint">{blocker}</span>}
        </div>
        <SearchSettings />
        <div className="actions">
          <button type="button" className="primary" disabled={blocker !== null} onClick={() => void startSearch()}>
            Start search
          </button>
        </div>
        {error && (
          <Alert tone="error" title="Not started">
            <p className="error-message">{error}</p>
          </Alert>
        )}
      </section>
      <ActivityPanel />
      <CvResults />
    </div>
  )
}
