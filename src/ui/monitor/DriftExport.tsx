import type { DriftReport } from '../../core/drift/types'
import { reportDownload } from '../../state/monitor-store'
import { downloadText, safeFileName } from '../common/download'

/** The report as one self-contained HTML file (opens offline, no script) or as the JSON `npm run drift` writes. */
export function DriftExport({ report }: { report: DriftReport }) {
  const base = safeFileName(`drift-${report.current.name.replace(/\.(csv|tsv|txt|parquet|xlsx)(\.gz)?$/i, '')}`)
  const save = async (format: 'html' | 'json') => {
    const text = await reportDownload(format)
    if (text !== null) downloadText(`${base}.${format}`, text, format === 'html' ? 'text/html' : 'application/json')
  }
  return (
    <section className="card" aria-labelledby="drift-export-title">
      <h2 id="drift-export-title">Save the report</h2>
      <p className="muted">The HTML file opens in any browser, offline, without the studio; the JSON file is the same report for other programs.</p>
      <div className="actions">
        <button type="button" onClick={() => void save('html')}>
          Download HTML
        </button>
        <button type="button" onClick={() => void save('json')}>
          Download JSON
        </button>
      </div>
    </section>
  )
}
