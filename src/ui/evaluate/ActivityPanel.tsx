import { useEffect, useState } from 'react'
import { METRIC_LABELS } from '../../core/eval/metric-direction'
import { bestTrial, rankByMetric } from '../../core/experiment'
import type { MetricSummary } from '../../core/eval/summary'
import { familyInfo } from '../../core/model/registry'
import { cancelActivity, trainTrial, useEvalStore, type TrialRow } from '../../state/eval-store'
import { openRun } from '../../state/runs-store'
import { showPage } from '../../state/ui-store'
import { ProgressBar } from '../common/ProgressBar'
import { formatDuration } from '../common/format'

/** The running or last search / leaderboard / cross-validation: overall progress, Cancel, and a live table of trials. */
export function ActivityPanel() {
  const activity = useEvalStore((s) => s.activity)
  const [now, setNow] = useState(Date.now())
  const running = activity !== null && activity.finishedAt === null
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [running])
  if (!activity) return null
  const metric = activity.metric
  const finished = activity.trials.filter((t) => t.status === 'done' || t.status === 'failed' || t.status === 'cancelled').length
  // Core's rules: the leaderboard order, and the best trial (the runner's choice once finished, the best so far while running).
  const ranked = rankByMetric(activity.trials, metric, (t) => t.summary?.[metric]?.mean)
  const bestId = activity.bestResult?.trialId ?? bestTrial(activity.trials, metric)
  const best = activity.trials.find((t) => t.id === bestId) ?? null
  const elapsed = (activity.finishedAt ?? now) - activity.startedAt
  const share = activity.total > 0 ? finished / activity.total : 0
  const eta = running && share > 0 ? ` · about ${formatDuration((elapsed / share) * (1 - share))} left` : ''
  const rows = activity.kind === 'leaderboard' ? ranked : activity.trials
  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card-head">
        <h2 id="activity-title">{activity.label}</h2>
        {running && (
          <button type="button" className="danger" onClick={cancelActivity}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar
        label={`Progress of the ${activity.kind === 'leaderboard' ? 'leaderboard' : activity.kind === 'search' ? 'search' : 'cross-validation'}`}
        value={finished}
        max={Math.max(1, activity.total)}
        text={`${activity.kind === 'leaderboard' ? 'Models' : 'Trials'} ${finished} of ${activity.total}${best ? ` · best ${METRIC_LABELS[metric]} ${fmt(best.summary![metric])}` : ''} · ${formatDuration(elapsed)}${eta}${activity.cancelled ? ' · cancelled' : running ? '' : ' · finished'}`}
      />
      <div className="table-scroll">
        <table className="data-table" aria-label={activity.kind === 'leaderboard' ? 'Leaderboard' : 'Trials'}>
          <thead>
            <tr>
              <th scope="col">{activity.kind === 'leaderboard' ? 'Rank' : '#'}</th>
              <th scope="col">Model and parameters</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">{METRIC_LABELS[metric]} (mean ± sd)</th>
              {activity.kind === 'leaderboard' && <OtherMetricHeaders trials={rows} metric={metric} />}
              <th scope="col" className="num">Fit time</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t, i) => (
              <TrialLine key={t.id} trial={t} rank={i + 1} metric={metric} leaderboard={activity.kind === 'leaderboard'} isBest={best?.id === t.id && !running} otherMetrics={otherMetrics(rows, metric)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function otherMetrics(trials: TrialRow[], metric: string): string[] {
  const names = new Set<string>()
  for (const t of trials) for (const k of Object.keys(t.summary ?? {})) if (k !== metric) names.add(k)
  return [...names].filter((n) => METRIC_LABELS[n]).slice(0, 4)
}

function OtherMetricHeaders({ trials, metric }: { trials: TrialRow[]; metric: string }) {
  return (
    <>
      {otherMetrics(trials, metric).map((m) => (
        <th key={m} scope="col" className="num">
          {METRIC_LABELS[m]}
        </th>
      ))}
    </>
  )
}

function TrialLine({ trial, rank, metric, leaderboard, isBest, otherMetrics }: { trial: TrialRow; rank: number; metric: string; leaderboard: boolean; isBest: boolean; otherMetrics: string[] }) {
  const info = familyInfo(trial.family)
  const params = leaderboard ? 'default parameters' : Object.entries(trial.params).filter(([k]) => !['maxIterations', 'tolerance'].includes(k)).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(3)) : String(v)}`).join(', ')
  const status =
    trial.status === 'running' ? `fold ${trial.fold} of ${trial.folds || '…'}${trial.share < 1 ? ` · ${Math.round(trial.share * 100)}% of rows` : ''}` : trial.status === 'done' && trial.share < 1 ? `done on ${Math.round(trial.share * 100)}% of rows` : trial.status
  return (
    <tr className={isBest ? 'selected' : undefined}>
      <td>{leaderboard ? rank : trial.id}</td>
      <td>
        <div>{info.label}</div>
        <div className="muted small">{params}</div>
      </td>
      <td title={trial.error ?? undefined}>
        <span className={`status status-${trial.status === 'done' ? 'finished' : trial.status === 'queued' || trial.status === 'running' ? 'running' : trial.status}`}>{status}</span>
        {trial.error && <div className="error-message small">{trial.error}</div>}
      </td>
      <td className="num">{fmt(trial.summary?.[metric])}</td>
      {leaderboard &&
        otherMetrics.map((m) => (
          <td key={m} className="num">
            {fmt(trial.summary?.[m])}
          </td>
        ))}
      <td className="num">{trial.fitSeconds === null ? '—' : `${trial.fitSeconds.toFixed(1)} s`}</td>
      <td className="actions-cell">
        {trial.runId && (
          <button
            type="button"
            className="ghost small"
            aria-label={`Open the run of ${info.label}${leaderboard ? '' : ` (trial ${trial.id})`}`}
            onClick={() => {
              openRun(trial.runId)
              showPage('runs')
            }}
          >
            Open run
          </button>
        )}
        {trial.status === 'done' && trial.share === 1 && (!trial.runId || leaderboard) && (
          <button type="button" className="ghost small" onClick={() => void trainTrial(trial.id)} aria-label={`Train the final ${info.label} model`}>
            Train final model
          </button>
        )}
      </td>
    </tr>
  )
}

function fmt(s: MetricSummary | undefined): string {
  if (!s) return '—'
  if (s.mean === null) return 'undefined'
  return `${s.mean.toFixed(3)} ± ${(s.std ?? 0).toFixed(3)}${s.defined < s.folds ? ` (${s.defined}/${s.folds} folds)` : ''}`
}
