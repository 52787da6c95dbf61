import { useDataStore } from '../../state/data-store'

/** The first rows of the table, as read. */
export function PreviewTable() {
  const view = useDataStore((s) => s.view)
  if (!view) return null
  const names = view.columnNames
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">First {view.preview.length} rows</h2>
      <div className="table-scroll preview-scroll">
        <table className="data-table preview" aria-label="First rows">
          <thead>
            <tr>
              {names.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.preview.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={cell === '' ? 'missing' : undefined}>
                    {cell === '' ? <span aria-label="missing">·</span> : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
