/**
 * Model bundles for the server tests, trained by the real CLI (`npm run
 * train`'s main function, in-process) on the committed sample data, and the
 * rows to send them. Cached per test file (each file runs in its own worker).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCsv } from '../../../../../src/core/table/read/csv'
import type { Table } from '../../../../../src/core/types'
import { trainMain } from '../../../../../src/node/cli/train'

export const root = new URL('../../../../../', import.meta.url).pathname
export const sample = (name: string): string => join(root, 'sample-data', name)

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `studio-${prefix}-`))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

const trained = new Map<string, Promise<Record<string, unknown>>>()
const workDir = tempDir('server-bundles')

/** Kinds of bundle the tests use. */
export const BUNDLES = {
  /** ms-treatment.csv → treatment_response, logistic regression: numbers and categories, several classes. */
  ms: { data: 'ms-treatment.csv', target: 'treatment_response', model: 'logreg', extra: [] as string[] },
  /** parkinsons.csv → Diagnosis (0/1), logistic regression: a binary classifier on numbers. */
  parkinsons: { data: 'parkinsons.csv', target: 'Diagnosis', model: 'logreg', extra: [] as string[] },
  /** ms-treatment.csv → edss, linear regression. */
  edss: { data: 'ms-treatment.csv', target: 'edss', model: 'linreg', extra: ['--task', 'regression'] },
  /** parkinsons.csv → Diagnosis with 20 boosted trees (a different family for swaps). */
  parkinsonsTrees: { data: 'parkinsons.csv', target: 'Diagnosis', model: 'gbdt', extra: ['--params', '{"nRounds":20}'] },
  /** ms-treatment.csv → treatment_response with 20 boosted trees: the same inputs as `ms`, another family. */
  msTrees: { data: 'ms-treatment.csv', target: 'treatment_response', model: 'gbdt', extra: ['--params', '{"nRounds":20}'] },
} as const

export type BundleKind = keyof typeof BUNDLES

/** The bundle JSON of `kind`, trained once per test file. */
export function bundleJson(kind: BundleKind): Promise<Record<string, unknown>> {
  let promise = trained.get(kind)
  if (!promise) {
    promise = (async () => {
      const spec = BUNDLES[kind]
      const out = join(workDir.dir, `${kind}.json`)
      let stderr = ''
      const code = await trainMain(['--data', sample(spec.data), '--target', spec.target, '--model', spec.model, ...spec.extra, '--out', out], {
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
      })
      if (code !== 0) throw new Error(`training ${kind} failed: ${stderr}`)
      return JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>
    })()
    trained.set(kind, promise)
  }
  return promise
}

/** A sample data file as a core table (to take request rows from). */
export function sampleTable(name: string): Table {
  return parseCsv(readFileSync(sample(name), 'utf8'), name).table
}

/** The first `n` rows of a sample CSV as records of raw cells (numbers as numbers, text as text). */
export function sampleRecords(name: string, n: number, columns?: readonly string[]): Record<string, unknown>[] {
  const table = sampleTable(name)
  const chosen = table.columns.filter((c) => !columns || columns.includes(c.name))
  return Array.from({ length: Math.min(n, table.rowCount) }, (_, i) => {
    const record: Record<string, unknown> = {}
    for (const column of chosen) {
      if (column.type === 'number') record[column.name] = Number.isNaN(column.values[i]) ? null : column.values[i]
      else record[column.name] = column.codes[i] < 0 ? null : column.levels[column.codes[i]]
    }
    return record
  })
}

/** The input column names a bundle needs. */
export function inputNames(bundle: Record<string, unknown>): string[] {
  return (bundle.inputSchema as { name: string }[]).map((c) => c.name)
}
