/**
 * Pipelines and "new data" for the workflow tests, made from the MS sample:
 * the spec carries the recipe the studio proposes for the whole file, and
 * the new files are slices of it (a few rows train a worse model than the
 * whole file), copies with a column removed (a recipe that no longer fits)
 * or with labels flipped.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import { DEFAULT_PIPELINE_CONFIG } from '../../../../src/core/pipeline/config'
import { fingerprintTable } from '../../../../src/core/table/fingerprint'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { parseCsv } from '../../../../src/core/table/read/csv'
import { createRandom } from '../../../../src/core/random'
import { PIPELINE_FORMAT, type PipelineSpec } from '../../../../src/core/workflow/types'

export const ROOT = join(import.meta.dirname, '../../../..')
export const MS_CSV = readFileSync(join(ROOT, 'sample-data/ms-treatment.csv'), 'utf8')

const [HEADER, ...ROWS] = MS_CSV.trimEnd().split('\n')

/** The MS sample's pipeline: proposed recipe, logistic regression, AUC must rise by 0.005. */
export function msSpec(overrides: Partial<PipelineSpec> = {}): PipelineSpec {
  const table = parseCsv(MS_CSV, 'ms-treatment.csv').table
  const recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
  return {
    format: PIPELINE_FORMAT,
    version: 1,
    name: 'ms-response',
    source: { kind: 'file', name: 'ms-treatment.csv', fingerprint: fingerprintTable(table) },
    recipe,
    target: 'treatment_response',
    task: 'binary',
    features: ['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss'],
    pipeline: DEFAULT_PIPELINE_CONFIG,
    model: { family: 'logistic', params: {} },
    validation: { testShare: 0.25, seed: 7 },
    registry: { modelName: 'MS response' },
    promotion: { metric: 'auc', minGain: 0.005, requireGolden: true },
    createdAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  }
}

/** CSV bytes of the MS sample's rows [from, to) (all rows by default). */
export function msRows(from = 0, to = ROWS.length): Uint8Array {
  return new TextEncoder().encode([HEADER, ...ROWS.slice(from, to)].join('\n') + '\n')
}

/** CSV bytes of the MS sample without `column`. */
export function msWithout(column: string): Uint8Array {
  const names = HEADER.split(',')
  const drop = names.indexOf(column)
  if (drop < 0) throw new Error(`no column ${column}`)
  const cut = (line: string) => line.split(',').filter((_, i) => i !== drop).join(',')
  return new TextEncoder().encode([HEADER, ...ROWS].map(cut).join('\n') + '\n')
}

/** CSV bytes of the MS sample with the target flipped (yes ↔ no) in a seeded `share` of rows: a label-noised copy. */
export function msLabelNoise(share: number, seed: number): Uint8Array {
  const random = createRandom(seed)
  const out = ROWS.map((line) => {
    const cells = line.split(',')
    const y = cells[cells.length - 1].trim().toLowerCase()
    if (random.next() < share && (y.startsWith('y') || y.startsWith('n'))) cells[cells.length - 1] = y.startsWith('y') ? 'no' : 'yes'
    return cells.join(',')
  })
  return new TextEncoder().encode([HEADER, ...out].join('\n') + '\n')
}
