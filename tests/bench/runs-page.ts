/**
 * The in-browser half of `npm run bench -- runs`: fills IndexedDB with
 * generated runs through the studio's storage module, then renders the real
 * Runs page and times what a user waits for: the first render of the table, a
 * filter, a sort and the comparison of 10 runs.
 */
import { createElement } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { createRandom } from '../../src/core/random'
import { RUN_SCHEMA_VERSION, type RunRecord } from '../../src/services/storage/runs'
import { importExperiment } from '../../src/services/storage/transfer'
import { db } from '../../src/services/storage/db'
import { refreshRuns, setFilters, sortBy } from '../../src/state/runs-store'
import { RunsPage } from '../../src/ui/runs/RunsPage'
import '../../src/ui/app.css'

const FAMILIES = ['logistic', 'tree', 'forest', 'gbdt', 'mlp']

function generatedRun(i: number, random: ReturnType<typeof createRandom>): RunRecord {
  const family = FAMILIES[i % FAMILIES.length]
  const auc = 0.7 + random.next() * 0.25
  const fpr = Array.from({ length: 50 }, (_, k) => k / 49)
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: `bench-${String(i).padStart(5, '0')}`,
    status: i % 37 === 0 ? 'failed' : 'finished',
    startedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    finishedAt: null,
    durationMs: Math.round(random.next() * 60_000),
    dataset: { name: i % 2 ? 'parkinsons.csv' : 'ms-treatment.csv', fingerprint: i % 2 ? 'aaaa000011112222' : 'bbbb000011112222', rows: 2105, columns: 35 },
    target: 'Diagnosis',
    task: 'binary',
    features: Array.from({ length: 32 }, (_, k) => `f${k}`),
    family,
    params: { C: Number((random.next() * 10).toFixed(3)), maxDepth: 2 + (i % 8), learningRate: Number((random.next() * 0.3).toFixed(3)) },
    seed: 42,
    testShare: 0.2,
    metrics: { accuracy: auc - 0.08, auc, f1: auc - 0.05, logLoss: 1 - auc, prAuc: auc + 0.02, brier: (1 - auc) / 3 },
    confusion: [[120, 40], [30, 231]],
    roc: { fpr, tpr: fpr.map((x) => Math.min(1, x ** (1 / (1 + 4 * (auc - 0.5))))), thresholds: fpr.map((x) => 1 - x) },
    featureImportance: Array.from({ length: 8 }, (_, k) => ({ name: `f${k}`, value: random.next() })),
    iterations: 20,
    error: null,
    bundle: null,
    recipe: null,
    pipelineConfig: null,
    tags: i % 10 === 0 ? ['baseline'] : [],
    note: '',
  }
}

/** Resolves after the browser has painted the current DOM. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

async function time(work: () => void | Promise<void>): Promise<number> {
  const start = performance.now()
  await work()
  await painted()
  return performance.now() - start
}

/**
 * Fills the studio's database with `count` generated runs (replacing what the
 * bench stored before), in batches so no single experiment file is huge.
 */
async function fill(count: number): Promise<void> {
  const random = createRandom(count)
  const experiment = { schemaVersion: 1, id: 'exp-bench', name: 'bench', description: '', datasetFingerprint: 'aaaa000011112222', createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString() }
  const BATCH = 5000
  for (let from = 0; from < count; from += BATCH) {
    const runs = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => ({ ...generatedRun(from + k, random), experimentId: 'exp-bench' }))
    await importExperiment(JSON.stringify({ format: 'clinical-ml-studio/experiment', version: 1, exportedAt: new Date().toISOString(), experiment, runs }), { onConflict: 'replace' })
  }
}

/**
 * Times the Runs page over what fill() stored, from a freshly loaded page:
 * first render (reading the runs and drawing the table), a filter, a sort and
 * the comparison of 10 runs.
 */
async function measure(): Promise<{ action: string; milliseconds: number }[]> {
  const count = (await listRunIds()).length
  const root = createRoot(document.getElementById('root')!)
  const results: { action: string; milliseconds: number }[] = []
  let readMs = 0
  results.push({
    action: 'first render',
    milliseconds: await time(async () => {
      const start = performance.now()
      await refreshRuns()
      readMs = performance.now() - start
      flushSync(() => root.render(createElement(RunsPage)))
    }),
  })
  // Not an action: how much of the first render was reading the runs (the rest is drawing).
  results.push({ action: '(of which reading)', milliseconds: readMs })
  if (document.querySelectorAll('table[aria-label="Runs"] tbody tr').length < 10) throw new Error('bench: the runs table did not render rows')
  if (document.querySelector('table[aria-label="Runs"]')?.getAttribute('aria-rowcount') !== String(count + 1)) throw new Error(`bench: the runs table does not count ${count} runs`)
  // Sorting every run is the larger job, so it comes before the filter narrows them.
  results.push({ action: 'sort', milliseconds: await time(() => flushSync(() => sortBy('auc'))) })
  results.push({ action: 'filter', milliseconds: await time(() => flushSync(() => setFilters({ text: 'forest', metric: 'auc', min: 0.8 }))) })
  flushSync(() => setFilters({ text: '', metric: null, min: null }))
  const boxes = [...document.querySelectorAll<HTMLInputElement>('table[aria-label="Runs"] tbody input[type="checkbox"]')].slice(0, 10)
  if (boxes.length < 10) throw new Error('bench: fewer than 10 runs to compare')
  // Each tick is an action of its own; the slowest of the ten counts.
  let slowestTick = 0
  for (const box of boxes) slowestTick = Math.max(slowestTick, await time(() => box.click()))
  results.push({ action: 'tick a run', milliseconds: slowestTick })
  const compare = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Compare 10 selected')
  if (!compare) throw new Error('bench: no "Compare 10 selected" button')
  results.push({
    action: 'compare 10 runs',
    milliseconds: await time(async () => {
      compare.click()
      await until(() => !!document.querySelector('table[aria-label="Run comparison"]'))
    }),
  })
  if (document.querySelectorAll('table[aria-label="Run comparison"] thead th').length !== 11) throw new Error('bench: the comparison does not show 10 runs')
  root.unmount()
  return results
}

/** Resolves once `ready()` holds, checking every frame. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => requestAnimationFrame(r))
}

async function listRunIds(): Promise<string[]> {
  return (await db()).getAllKeys('runs')
}

Object.assign(window, { benchFill: fill, benchMeasure: measure })
document.getElementById('status')!.textContent = 'ready'
