import { useState } from 'react'
import type { SqlDialectName } from '../../core/interop/sql'
import { messageOf } from '../../state/data-store'
import { recipeSql } from '../../state/recipe-sql'
import { Alert } from '../common/Alert'
import { downloadText } from '../common/download'

const DIALECTS: { value: SqlDialectName; label: string }[] = [
  { value: 'duckdb', label: 'DuckDB' },
  { value: 'spark', label: 'Spark SQL' },
]

/**
 * "Download SQL": the recipe as one query that cleans the raw file the same
 * way in DuckDB (a laptop) or Spark (a cluster). A step with no SQL form is
 * refused with the core's message.
 */
export function SqlDownload({ baseName, disabled }: { baseName: string; disabled: boolean }) {
  const [dialect, setDialect] = useState<SqlDialectName>('duckdb')
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <label htmlFor="sql-dialect" className="small">
        SQL for
      </label>
      <select id="sql-dialect" value={dialect} onChange={(e) => setDialect(e.target.value as SqlDialectName)}>
        {DIALECTS.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="ghost small"
        disabled={disabled}
        title="The recipe as one SQL query that cleans the raw file the same way, for data too big for the browser"
        onClick={() => {
          try {
            downloadText(`${baseName}.${dialect}.sql`, recipeSql(dialect), 'application/sql')
            setError(null)
          } catch (e) {
            setError(messageOf(e))
          }
        }}
      >
        Download SQL
      </button>
      {error && (
        <div className="row-break">
          <Alert tone="error" title="No SQL for this recipe" onDismiss={() => setError(null)}>
            <p className="error-message">{error}</p>
          </Alert>
        </div>
      )}
    </>
  )
}
