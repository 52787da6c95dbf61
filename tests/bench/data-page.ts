/**
 * The in-browser half of `npm run bench -- data`: runs each stage through the
 * same worker clients the studio uses, and measures main-thread stalls while
 * the workers are busy (the page must never freeze).
 */
import { RECIPE_FORMAT, RECIPE_VERSION, type CleaningRecipe } from '../../src/core/clean/types'
import * as data from '../../src/services/data-client'
import { submitTraining } from '../../src/services/train-pool'

interface StageResult {
  stage: string
  seconds: number
  /** Longest gap between main-thread heartbeats during the call, in ms. */
  longestStallMs: number
}

let columns: string[] = []

/** Measures the longest gap between 10 ms heartbeats while `work` runs. */
async function watchMainThread<T>(work: () => Promise<T>): Promise<{ value: T; longestStallMs: number }> {
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 10)
  try {
    const value = await work()
    return { value, longestStallMs: Math.max(0, Math.round(longest - 10)) }
  } finally {
    clearInterval(timer)
  }
}

async function load(): Promise<StageResult[]> {
  const input = document.getElementById('file') as HTMLInputElement
  const file = input.files?.[0]
  if (!file) throw new Error('bench: no file chosen')
  const { value: view, longestStallMs } = await watchMainThread(() => data.loadFile(file))
  columns = view.columnNames
  return [
    { stage: 'parse', seconds: view.timings.readMs / 1000, longestStallMs },
    { stage: 'profile', seconds: view.timings.profileMs / 1000, longestStallMs },
  ]
}

/** A realistic recipe on the generated columns: range rules, text standardisation, duplicates. */
function benchRecipe(): CleaningRecipe {
  return {
    format: RECIPE_FORMAT,
    version: RECIPE_VERSION,
    sourceColumns: columns,
    steps: [
      {
        id: 'validate',
        kind: 'validate',
        rules: ['x1', 'x2', 'x3', 'x4', 'x5'].map((column) => ({ id: `range-${column}`, column, kind: 'range' as const, min: 10, max: 90, action: 'set-missing' as const })),
      },
      { id: 'text', kind: 'standardize-text', columns: ['sex', 'ms_type'], trim: true, case: 'lower', valueMap: { m: 'male', f: 'female' } },
      { id: 'missing-target', kind: 'drop-missing-target', column: 'outcome' },
      { id: 'dedupe', kind: 'dedupe', columns: null },
    ],
  }
}

async function clean(): Promise<StageResult[]> {
  const { value, longestStallMs } = await watchMainThread(() => data.applyRecipe(benchRecipe()))
  const danfoMs = value.reports.filter((r) => r.engine === 'danfojs').reduce((sum, r) => sum + r.ms, 0)
  return [
    { stage: 'clean', seconds: value.cleanMs / 1000, longestStallMs },
    { stage: 'clean:danfojs-share', seconds: danfoMs / 1000, longestStallMs },
  ]
}

async function pipeline(): Promise<StageResult[]> {
  const { value, longestStallMs } = await watchMainThread(async () => {
    const table = await data.trainingTable()
    const features = columns.filter((c) => c !== 'outcome')
    const job = submitTraining(
      table,
      { target: 'outcome', task: 'binary', features, family: 'logistic', params: { maxIterations: 1 }, testShare: 0.2, seed: 1 },
      { name: 'bench', fingerprint: 'bench' },
      { onProgress: () => undefined },
    )
    return job.result
  })
  const timings = (value as unknown as { timings?: Record<string, number> }).timings ?? {}
  return [
    { stage: 'pipeline-fit', seconds: (timings.pipelineFitMs ?? NaN) / 1000, longestStallMs },
    { stage: 'pipeline-transform', seconds: (timings.pipelineTransformMs ?? NaN) / 1000, longestStallMs },
  ]
}

Object.assign(window, { bench: { load, clean, pipeline } })
document.getElementById('log')!.textContent = 'ready'
