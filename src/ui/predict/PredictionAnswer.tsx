import { classOf, usePredictStore } from '../../state/predict-store'
import { Alert } from '../common/Alert'
import { formatNumber } from '../common/format'
import { WaterfallChart } from './WaterfallChart'

/** The form's answer: the class and its probability against the threshold (or the value), what validation did, and why. */
export function PredictionAnswer() {
  const answer = usePredictStore((s) => s.answer)
  const model = usePredictStore((s) => s.model)
  const threshold = usePredictStore((s) => s.threshold)
  if (!answer || !model) return null
  const { result, issues, warnings } = answer
  const refused = issues.filter((i) => i.action === 'refused')
  const blanked = issues.filter((i) => i.action === 'blanked')
  const label = classOf(result, { model, threshold })
  return (
    <section className="prediction" aria-labelledby="answer-title" aria-live="polite">
      <h3 id="answer-title" className="sub">
        Answer
      </h3>
      {refused.length > 0 && (
        <Alert tone="warning" title="The record was refused">
          <ul>
            {refused.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      {blanked.length > 0 && (
        <Alert tone="info" title="Left blank by a validation rule">
          <ul>
            {blanked.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      {warnings.length > 0 && (
        <ul className="warnings" aria-label="Notes on this prediction">
          {warnings.map((w, k) => (
            <li key={k}>{w}</li>
          ))}
        </ul>
      )}
      {result && model.task === 'regression' && (
        <dl className="stats answer-stats" aria-label="Prediction">
          <div>
            <dt>Predicted {model.target.name}</dt>
            <dd data-testid="predicted-value">{formatNumber(result.value ?? NaN, 4)}</dd>
          </div>
        </dl>
      )}
      {result?.probabilities && label !== null && (
        <>
          <dl className="stats answer-stats" aria-label="Prediction">
            <div>
              <dt>Predicted class</dt>
              <dd data-testid="predicted-class">{label}</dd>
            </div>
            {model.task === 'binary' && threshold !== null ? (
              <>
                <div>
                  <dt>Probability of “{model.target.labels[1]}”</dt>
                  <dd data-testid="predicted-probability">{formatNumber(result.probabilities[model.target.labels[1]], 4)}</dd>
                </div>
                <div>
                  <dt>Threshold</dt>
                  <dd>{formatNumber(threshold, 4)}</dd>
                </div>
              </>
            ) : (
              model.target.labels.map((l) => (
                <div key={l}>
                  <dt>Probability of “{l}”</dt>
                  <dd>{formatNumber(result.probabilities?.[l] ?? 0, 4)}</dd>
                </div>
              ))
            )}
          </dl>
          {model.task === 'binary' && threshold !== null && (
            <p data-testid="decision-sentence">
              The probability {formatNumber(result.probabilities[model.target.labels[1]] ?? 0, 4)} is {(result.probabilities[model.target.labels[1]] ?? 0) >= threshold ? 'at or above' : 'below'} the threshold of{' '}
              {formatNumber(threshold, 4)}, so the answer is “{label}”.
            </p>
          )}
        </>
      )}
      {result?.explanation ? (
        <WaterfallChart explanation={result.explanation} target={model.target.name} />
      ) : (
        result && <p className="muted">No explanation is available for this model.</p>
      )}
    </section>
  )
}
