import { dismissError, useDataStore } from '../../state/data-store'
import { Alert } from '../common/Alert'
import { ProgressBar } from '../common/ProgressBar'
import { ColumnTable } from './ColumnTable'
import { DataSource } from './DataSource'
import { DatasetSummary } from './DatasetSummary'
import { PreviewTable } from './PreviewTable'
import { ProfileInsights } from './ProfileInsights'
import { SheetPicker } from './SheetPicker'
import { TargetPicker } from './TargetPicker'

export function DataPage() {
  const loading = useDataStore((s) => s.loading)
  const progress = useDataStore((s) => s.loadProgress)
  const error = useDataStore((s) => s.error)
  const hasData = useDataStore((s) => s.view !== null)
  return (
    <div className="page">
      <DataSource />
      {loading && (
        <div className="status-line" role="status">
          <span className="spinner" aria-hidden="true" /> {loading}
          {progress && (
            <ProgressBar
              label="Loading progress"
              value={progress.stage === 'read' ? progress.done : null}
              max={progress.total}
              text={progress.message ?? progress.stage}
            />
          )}
        </div>
      )}
      {error && (
        <Alert tone="error" title="That data could not be opened" onDismiss={dismissError}>
          <p className="error-message">{error}</p>
          {hasData && <p className="muted">The dataset loaded before is still open.</p>}
        </Alert>
      )}
      {/* What the reader changed or noticed is part of the profile's warnings (ProfileInsights), shown once there. */}
      <DatasetSummary />
      <SheetPicker />
      <TargetPicker />
      <ProfileInsights />
      <ColumnTable />
      <PreviewTable />
    </div>
  )
}
