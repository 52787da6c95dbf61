import { loadSheet, useDataStore } from '../../state/data-store'

/**
 * For an Excel workbook with several sheets: says which sheet is shown and
 * lets the user read another one (from the bytes the data worker kept).
 */
export function SheetPicker() {
  const workbook = useDataStore((s) => s.originalView?.workbook)
  const fileName = useDataStore((s) => s.originalView?.name)
  const loading = useDataStore((s) => s.loading)
  if (!workbook || workbook.sheets.length < 2) return null
  const { sheets, sheet } = workbook
  return (
    <section className="card sheet-picker" aria-labelledby="sheet-title">
      <h2 id="sheet-title" className="visually-hidden">
        Workbook sheet
      </h2>
      <div className="fields">
        <div className="field">
          <label htmlFor="sheet-select">Sheet</label>
          <select id="sheet-select" value={sheet} disabled={loading !== null} onChange={(e) => void loadSheet(e.target.value)}>
            {sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <p className="muted inline" data-testid="sheet-shown">
          Showing sheet “{sheet}” of {sheets.length} in {fileName}. Choosing another sheet reads it from the same file.
        </p>
      </div>
    </section>
  )
}
