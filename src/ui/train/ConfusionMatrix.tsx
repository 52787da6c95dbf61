/** Counts of true (rows) against predicted (columns) classes, shaded by share of the true class. */
export function ConfusionMatrix({ matrix, labels }: { matrix: number[][]; labels: string[] }) {
  return (
    <table className="confusion" aria-label="Confusion matrix">
      <thead>
        <tr>
          <td />
          <th scope="colgroup" colSpan={labels.length} className="axis">
            Predicted
          </th>
        </tr>
        <tr>
          <th scope="col" className="axis">
            True
          </th>
          {labels.map((l) => (
            <th key={l} scope="col">
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => {
          const total = row.reduce((a, b) => a + b, 0)
          return (
            <tr key={labels[i]}>
              <th scope="row">{labels[i]}</th>
              {row.map((count, j) => {
                const share = total === 0 ? 0 : count / total
                return (
                  <td
                    key={labels[j]}
                    className={i === j ? 'diag' : 'off'}
                    style={{ ['--share' as string]: share.toFixed(3) }}
                    aria-label={`true ${labels[i]}, predicted ${labels[j]}: ${count}`}
                  >
                    <span className="count">{count}</span>
                    <span className="share">{(share * 100).toFixed(0)}%</span>
                  </td>
                )
              })}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
