import { useEffect } from 'react'
import { refreshRuns, useRunsStore } from '../../state/runs-store'
import { Alert } from '../common/Alert'
import { formatDate } from '../common/format'
import { RunResults } from '../train/RunResults'
import { refreshRegistry } from '../../state/registry-store'
import { CompareView } from './CompareView'
import { ExperimentBar } from './ExperimentBar'
import { RunDetails } from './RunDetails'
import { RunsTable } from './RunsTable'
import { RunsToolbar } from './RunsToolbar'
import { StoragePanel } from './StoragePanel'

/** Every run kept in this browser: search, filter, sort, compare, open. */
export function RunsPage() {
  const count = useRunsStore((s) => s.runs.length)
  const loaded = useRunsStore((s) => s.loaded)
  const error = useRunsStore((s) => s.error)
  const notice = useRunsStore((s) => s.notice)
  const open = useRunsStore((s) => s.openRunRecord)
  const comparing = useRunsStore((s) => s.comparing && s.selected.length >= 2)
  useEffect(() => {
    void refreshRuns()
    void refreshRegistry()
  }, [])
  return (
    <div className="page">
      <section className="card" aria-labelledby="runs-title">
        <div className="card-head">
          <h2 id="runs-title">Runs</h2>
          <span className="muted">{loaded ? `${count} run${count === 1 ? '' : 's'} kept in this browser (IndexedDB)` : 'Reading…'}</span>
        </div>
        <ExperimentBar />
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
        {loaded && count === 0 && <p className="muted">No runs yet. Train a model and it will be listed here, even after a reload.</p>}
        {count > 0 && (
          <>
            <RunsToolbar />
            <RunsTable />
          </>
        )}
        <StoragePanel />
      </section>
      {comparing && <CompareView />}
      {open && (
        <section className="card" aria-label={`Run of ${formatDate(open.startedAt)}`}>
          <RunDetails key={open.id} run={open} />
          {open.status === 'finished' && <RunResults run={open} />}
        </section>
      )}
    </div>
  )
}
