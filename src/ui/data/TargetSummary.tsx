import { useMemo, type ReactNode } from 'react'
import { useDataStore } from '../../state/data-store'
import { useShownTargetProfile, useShownVersion } from '../../state/data-version'
import { Plot } from '../charts/Plot'
import { formatNumber, formatPercent } from '../common/format'

/** The target's class balance (or distribution) and the columns that predict it best on their own. */
export function TargetSummary() {
  const target = useDataStore((s) => s.target)
  const { profile, error } = useShownTargetProfile()
  const version = useShownVersion()
  const problem = useDataStore((s) => s.targetProblem)
  const data = useMemo(() => {
    if (!profile) return null
    if (profile.classes.length > 0) {
      return [{ type: 'bar' as const, x: profile.classes.map((c) => c.label), y: profile.classes.map((c) => c.count), marker: { color: '#137c85' }, hovertemplate: '%{x}: %{y} rows<extra></extra>' }]
    }
    if (!profile.distribution) return null
    const { edges, counts } = profile.distribution.histogram
    return [{ type: 'bar' as const, x: counts.map((_, i) => (edges[i] + edges[i + 1]) / 2), y: counts, marker: { color: '#137c85' } }]
  }, [profile])
  const task = useDataStore((s) => s.task)
  if (!target) return <Box muted>Choose a target to see its class balance and possible leakage.</Box>
  // A target that cannot be profiled says so (the reason is in the target picker) instead of "Profiling…" for ever.
  if (version === 'cleaned' && problem) return <Box muted>No class balance or leakage check: {target} cannot be the target (see “What to predict”).</Box>
  if (error) {
    return (
      <Box muted>
        In the original data, {target} cannot be summarised as {TASK_WORDS[task ?? 'binary']}: {error}
      </Box>
    )
  }
  if (!profile) return <Box muted>Profiling {target}…</Box>
  const top = profile.leakage.filter((l) => l.score !== null).slice(0, 5)
  return (
    <Box>
      <h3>
        Target <span className="mono">{target}</span>
      </h3>
      {profile.classes.length > 0 && (
        <p className="muted small" aria-label="Class balance">
          {profile.classes.map((c) => `${c.label}: ${formatNumber(c.count)} (${formatPercent(c.share)})`).join(' · ')}
          {profile.missing > 0 ? ` · ${formatNumber(profile.missing)} rows without a value` : ''}
        </p>
      )}
      {data && <Plot data={data} height={170} layout={{ margin: { l: 40, r: 8, t: 4, b: 30 }, xaxis: { type: profile.classes.length > 0 ? 'category' : '-' } }} label={`Distribution of the target ${target}`} />}
      {top.length > 0 && (
        <table className="data-table compact-table" aria-label="Columns that predict the target best on their own">
          <caption>Best single-column predictors</caption>
          <tbody>
            {top.map((l) => (
              <tr key={l.column}>
                <th scope="row">{l.column}</th>
                <td className="num">
                  {l.metric === 'auc' ? 'AUC' : '|ρ|'} {l.score?.toFixed(3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Box>
  )
}

const TASK_WORDS = { binary: 'binary classification', multiclass: 'multiclass classification', regression: 'regression' } as const

function Box({ muted = false, children }: { muted?: boolean; children: ReactNode }) {
  return (
    <div className={`target-summary${muted ? ' muted' : ''}`} role="group" aria-label="Target summary">
      {children}
    </div>
  )
}
