import { useState } from 'react'
import type { ProfileWarning } from '../../core/table/profile/profile-warnings'
import { useShownTargetProfile, useShownView } from '../../state/data-version'
import { CorrelationHeatmap } from '../charts/CorrelationHeatmap'
import { formatNumber } from '../common/format'
import { TargetSummary } from './TargetSummary'

/** Dataset-level findings of the shown version (original or cleaned): warnings (with suspected leakage first), duplicates, correlations and the target. */
export function ProfileInsights() {
  const view = useShownView()
  const { profile: targetProfile } = useShownTargetProfile()
  const [showHeatmap, setShowHeatmap] = useState(false)
  if (!view) return null
  const { profile } = view
  const warnings: ProfileWarning[] = [...(targetProfile?.warnings ?? []), ...profile.warnings]
  const important = warnings.filter((w) => w.severity === 'warning')
  const info = warnings.filter((w) => w.severity !== 'warning')
  return (
    <section className="card" aria-labelledby="insights-title">
      <h2 id="insights-title">What the profile found</h2>
      <div className="insights">
        <div>
          <dl className="stats compact">
            <div>
              <dt>Duplicate rows</dt>
              <dd>{formatNumber(profile.duplicateRows)}</dd>
            </div>
            <div>
              <dt>Constant columns</dt>
              <dd>{profile.constantColumns.length}</dd>
            </div>
            <div>
              <dt>Identifier-like columns</dt>
              <dd>{profile.identifierColumns.length}</dd>
            </div>
          </dl>
          {warnings.length === 0 ? (
            <p className="muted">No warnings: no column is mostly empty, constant, an identifier or suspiciously predictive.</p>
          ) : (
            // Focusable: the list scrolls when long (hundreds of columns), and must scroll from the keyboard too.
            <ul className="warnings" aria-label="Profile warnings" tabIndex={0}>
              {[...important, ...info].map((w, i) => (
                <li key={`${w.kind}-${w.column ?? ''}-${i}`} className={`warning-${w.severity}`}>
                  <span className={`badge ${w.severity === 'warning' ? 'warn' : 'info'}`}>{w.kind === 'leakage' ? 'possible leakage' : w.kind === 'reader' ? 'file' : w.kind.replace(/-/g, ' ')}</span> {w.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <TargetSummary />
      </div>
      <button type="button" className="link" aria-expanded={showHeatmap} onClick={() => setShowHeatmap(!showHeatmap)}>
        {showHeatmap ? 'Hide' : 'Show'} the correlation heatmap of {profile.correlation.columns.length} numeric columns
      </button>
      {showHeatmap && (
        <figure className="chart-card">
          <figcaption>Correlations between numeric columns (Pearson r)</figcaption>
          <CorrelationHeatmap matrix={profile.correlation} />
          {profile.correlation.omitted.length > 0 && <p className="muted small">Left out to keep the chart readable: {profile.correlation.omitted.join(', ')}.</p>}
        </figure>
      )}
    </section>
  )
}
