import { useState } from 'react'
import type { StorageUsage } from '../../services/storage/usage'
import { loadStorageUsage, removeRun } from '../../state/runs-store'
import { formatBytes, formatDate } from '../common/format'

/** Storage used and allowed, and the largest runs with a way to delete them (what to do when the disk is full). */
export function StoragePanel() {
  const [usage, setUsage] = useState<StorageUsage | null>(null)
  const refresh = async () => setUsage(await loadStorageUsage())
  const remove = async (id: string, label: string) => {
    if (!window.confirm(`Delete the ${label} and its model to free space? This cannot be undone.`)) return
    const question = await removeRun(id)
    if (question && window.confirm(`${question.needsConfirmation}\n\nDelete it anyway?`)) await removeRun(id, true)
    await refresh()
  }
  return (
    <details className="storage-panel" onToggle={(e) => (e.currentTarget.open ? void refresh() : undefined)}>
      <summary>Storage used by the studio</summary>
      {usage && (
        <div>
          <p>
            {formatBytes(usage.usageBytes)}
            {usage.quotaBytes ? ` of ${formatBytes(usage.quotaBytes)} allowed` : ''}
            {usage.estimated ? ' (estimated)' : ''} · {usage.runs} runs. When the browser's storage is full, new runs cannot be saved: delete the largest runs below.
          </p>
          <table className="data-table" aria-label="Largest runs">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col" className="num">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {usage.largestRuns.map((r) => {
                const label = `${r.family} run of ${formatDate(r.startedAt)}`
                return (
                  <tr key={r.id}>
                    <td>
                      {label}
                      {r.registered && <span className="muted small"> · registered</span>}
                    </td>
                    <td className="num">{formatBytes(r.bytes)}</td>
                    <td>
                      <button type="button" className="ghost small danger-text" aria-label={`Delete the ${label} to free space`} onClick={() => void remove(r.id, label)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </details>
  )
}
