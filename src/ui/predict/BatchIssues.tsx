import type { RowIssue } from '../../core/bundle/predict-types'
import { usePredictStore } from '../../state/predict-store'
import { formatNumber } from '../common/format'

/** The rows validation refused, with their reasons, and the cells it left blank: listed apart from the answers. */
export function BatchIssues() {
  const batch = usePredictStore((s) => s.batch)
  if (!batch || batch.issueCount === 0) return null
  const refused = batch.issues.filter((i) => i.action === 'refused')
  const blanked = batch.issues.filter((i) => i.action === 'blanked')
  return (
    <>
      {refused.length > 0 && <IssueTable title="Rows refused by validation" issues={refused} />}
      {blanked.length > 0 && <IssueTable title="Cells left blank by validation" issues={blanked} />}
      {batch.issueCount > batch.issues.length && (
        <p className="hint">
          The first {formatNumber(batch.issues.length)} of {formatNumber(batch.issueCount)} findings are listed; the downloads carry every one, in their “issues” column.
        </p>
      )}
    </>
  )
}

function IssueTable({ title, issues }: { title: string; issues: RowIssue[] }) {
  return (
    <>
      <h3 className="sub">{title}</h3>
      <div className="table-scroll">
        <table className="data-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i, k) => (
              <tr key={k}>
                <th scope="row" className="num">
                  {i.row + 1}
                </th>
                <td>{i.column}</td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
