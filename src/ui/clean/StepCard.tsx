import { useState } from 'react'
import type { CleaningStep, StepReport } from '../../core/clean/types'
import { moveStep, removeStep } from '../../state/clean-store'
import { formatDuration, formatNumber } from '../common/format'
import { SimpleEditor } from './SimpleEditors'
import { SplitEditor } from './SplitEditor'
import { stepTitle } from './step-text'
import { TextEditor } from './TextEditor'
import { ValidateEditor } from './ValidateEditor'

/** One recipe step: what it does, its live before → after counts, its settings and the rows it touched. */
export function StepCard({ step, index, count, report, columns }: { step: CleaningStep; index: number; count: number; report: StepReport | undefined; columns: string[] }) {
  const [showRows, setShowRows] = useState(false)
  const title = stepTitle(step)
  const reason = (step as { reason?: string }).reason
  return (
    <li className="step-card" aria-label={`Step ${index + 1}: ${title}`}>
      <div className="step-head">
        <span className="step-number" aria-hidden="true">
          {index + 1}
        </span>
        <div className="step-title">
          <strong>{title}</strong>
          {reason && <span className="muted small">{reason}</span>}
        </div>
        {report && (
          <span className="step-counts" aria-label={`Step ${index + 1} rows before and after`}>
            {formatNumber(report.rowsBefore)} → <strong>{formatNumber(report.rowsAfter)}</strong> rows · {report.columnsBefore} → {report.columnsAfter} columns
            <span className="muted small"> · {formatDuration(report.ms)}{report.engine === 'danfojs' ? ' · danfojs' : ''}</span>
          </span>
        )}
        <div className="step-tools">
          <button type="button" className="ghost small" aria-label={`Move step ${index + 1} up`} disabled={index === 0} onClick={() => moveStep(step.id, -1)}>
            ↑
          </button>
          <button type="button" className="ghost small" aria-label={`Move step ${index + 1} down`} disabled={index === count - 1} onClick={() => moveStep(step.id, 1)}>
            ↓
          </button>
          <button type="button" className="ghost small danger-text" aria-label={`Remove step ${index + 1}`} onClick={() => removeStep(step.id)}>
            Remove
          </button>
        </div>
      </div>
      <div className="step-body">
        {step.kind === 'validate' && <ValidateEditor step={step} columns={columns} counts={report?.ruleCounts} />}
        {step.kind === 'standardize-text' && <TextEditor step={step} columns={columns} />}
        {step.kind === 'split' && <SplitEditor step={step} columns={columns} />}
        {step.kind !== 'validate' && step.kind !== 'standardize-text' && step.kind !== 'split' && <SimpleEditor step={step} columns={columns} />}
      </div>
      {report && (report.details.length > 0 || report.preview.length > 0) && (
        <div className="step-report">
          {report.details.length > 0 && (
            <ul className="details">
              {report.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          {report.preview.length > 0 && (
            <button type="button" className="link" aria-expanded={showRows} onClick={() => setShowRows(!showRows)}>
              {showRows ? 'Hide' : 'Show'} affected rows ({formatNumber(report.affectedRows)})
            </button>
          )}
          {showRows && (
            <table className="data-table affected" aria-label={`Rows affected by step ${index + 1}`}>
              <thead>
                <tr>
                  <th scope="col" className="num">Row in file</th>
                  <th scope="col">Column</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((cell, i) => (
                  <tr key={i}>
                    <td className="num">{cell.row}</td>
                    <td>{cell.column ?? '—'}</td>
                    <td>{cell.before}</td>
                    <td>{cell.removed ? <em className="muted">row removed</em> : cell.after === null ? <em className="muted">missing</em> : cell.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </li>
  )
}
