import { BATCH_PAGE_SIZE, showBatchPage, usePredictStore } from '../../state/predict-store'
import type { ModelSummary } from '../../services/predict-client'
import { formatNumber } from '../common/format'

/** The scored file's answers, one page of rows at a time (the rows stay in the worker). */
export function BatchTable({ model, rows }: { model: ModelSummary; rows: number }) {
  const page = usePredictStore((s) => s.batchRows)
  const offset = usePredictStore((s) => s.batchOffset)
  const threshold = usePredictStore((s) => s.threshold)
  const labels = model.target.labels
  // Binary: the positive class's probability; multiclass: one column per class.
  const shown = model.task === 'binary' ? [labels[1]] : model.task === 'multiclass' ? labels : []
  const last = Math.min(rows, offset + BATCH_PAGE_SIZE)
  return (
    <>
      <div className="table-scroll">
        <table className="data-table" aria-label="Predictions">
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              {model.task === 'regression' ? (
                <th scope="col" className="num">
                  Predicted {model.target.name}
                </th>
              ) : (
                <th scope="col">{model.task === 'binary' && threshold !== null ? `Class at threshold ${formatNumber(threshold, 4)}` : 'Class'}</th>
              )}
              {shown.map((l) => (
                <th key={l} scope="col" className="num">
                  Probability of “{l}”
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.map((r) => (
              <tr key={r.row}>
                <th scope="row" className="num">
                  {r.row + 1}
                </th>
                {r.refused ? (
                  <td colSpan={1 + shown.length} className="muted">
                    Refused by validation (see below)
                  </td>
                ) : (
                  <>
                    <td className={model.task === 'regression' ? 'num mono' : undefined}>{model.task === 'regression' ? formatNumber(r.value ?? NaN, 4) : r.label}</td>
                    {shown.map((l) => (
                      <td key={l} className="num mono">
                        {formatNumber(r.probabilities?.[l] ?? NaN, 4)}
                      </td>
                    ))}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows > BATCH_PAGE_SIZE && (
        <nav className="row pager" aria-label="Pages of predictions">
          <button type="button" className="small" disabled={offset === 0} onClick={() => void showBatchPage(offset - BATCH_PAGE_SIZE)}>
            Previous rows
          </button>
          <span role="status">
            Rows {formatNumber(offset + 1)}–{formatNumber(last)} of {formatNumber(rows)}
          </span>
          <button type="button" className="small" disabled={last >= rows} onClick={() => void showBatchPage(offset + BATCH_PAGE_SIZE)}>
            Next rows
          </button>
        </nav>
      )}
    </>
  )
}
