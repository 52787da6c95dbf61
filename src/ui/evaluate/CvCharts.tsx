import { useMemo } from 'react'
import type { CrossValidationResult } from '../../core/eval/cross-validate'
import { CalibrationPlot, PrCurves } from '../charts/CurveCharts'
import { Plot } from '../charts/Plot'

const GRID = '#e6ebef'

/** ROC curves per fold and pooled over all out-of-fold predictions. */
export function FoldRocChart({ result }: { result: CrossValidationResult }) {
  const data = useMemo(() => {
    const folds = result.folds
      .filter((f) => f.roc)
      .map((f) => ({ type: 'scatter' as const, mode: 'lines' as const, name: `Fold ${f.fold}${f.repeat > 1 ? ` (repeat ${f.repeat})` : ''}`, x: f.roc!.fpr, y: f.roc!.tpr, line: { width: 1, color: 'rgba(91,107,119,0.45)' }, hoverinfo: 'skip' as const }))
    const pooled = result.pooled.roc ? [{ type: 'scatter' as const, mode: 'lines' as const, name: 'Pooled', x: result.pooled.roc.fpr, y: result.pooled.roc.tpr, line: { width: 3, color: '#0f5c63' } }] : []
    return [...folds, ...pooled, { type: 'scatter' as const, mode: 'lines' as const, name: 'Chance', x: [0, 1], y: [0, 1], line: { dash: 'dot' as const, color: '#9aa7b0' } }]
  }, [result])
  return <Plot data={data} height={300} layout={{ xaxis: { title: { text: 'False positive rate' }, gridcolor: GRID }, yaxis: { title: { text: 'True positive rate' }, gridcolor: GRID }, showlegend: false }} label="ROC curve of each fold and pooled" />
}

/** Precision–recall of each fold (thin) and of the pooled out-of-fold predictions (bold). */
export function PrChart({ result }: { result: CrossValidationResult }) {
  const curves = useMemo(
    () => [
      ...result.folds.filter((f) => f.pr).map((f) => ({ name: `Fold ${f.fold}${f.repeat > 1 ? ` (repeat ${f.repeat})` : ''}`, curve: f.pr!, color: 'rgba(91,107,119,0.45)', width: 1 })),
      ...(result.pooled.pr ? [{ name: 'Pooled', curve: result.pooled.pr, color: '#0f5c63', width: 3 }] : []),
    ],
    [result],
  )
  if (!result.pooled.pr) return null
  return <PrCurves curves={curves} label="Precision-recall curve of each fold and pooled" />
}

/** Reliability of the pooled out-of-fold probabilities. */
export function CalibrationChart({ result }: { result: CrossValidationResult }) {
  if (!result.pooled.calibration) return null
  return <CalibrationPlot calibration={result.pooled.calibration} />
}

/** Histograms of the predicted probability, one per true class. */
export function ProbabilityHistogram({ result, labels }: { result: CrossValidationResult; labels: string[] }) {
  const s = result.pooled.scores
  const data = useMemo(() => {
    if (!s) return []
    const of = (positive: boolean) => s.score.filter((_, i) => s.positive[i] === positive)
    return [
      { type: 'histogram' as const, name: `True ${labels[0]}`, x: of(false), xbins: { start: 0, end: 1, size: 0.05 }, opacity: 0.6, marker: { color: '#d9822b' } },
      { type: 'histogram' as const, name: `True ${labels[1]}`, x: of(true), xbins: { start: 0, end: 1, size: 0.05 }, opacity: 0.6, marker: { color: '#137c85' } },
    ]
  }, [s, labels])
  if (!s) return null
  return <Plot data={data} height={300} layout={{ barmode: 'overlay', xaxis: { title: { text: `Predicted probability of ${labels[1]}` }, range: [0, 1] }, yaxis: { title: { text: 'Rows' } }, legend: { x: 0.5, y: 1.1, orientation: 'h' as const } }} label="Predicted probabilities by true class" />
}
