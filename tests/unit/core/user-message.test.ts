import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../src/core/clean/apply-recipe'
import { parseRecipe } from '../../../src/core/clean/parse-recipe'
import { errorCode, errorText, StudioError } from '../../../src/core/errors'
import { familyInfo } from '../../../src/core/model/registry'
import { buildColumn } from '../../../src/core/table/column-builder'
import { readDataFile } from '../../../src/core/table/read/read-file'
import { newExperiment } from '../../../src/core/tracking/experiment'
import { buildExperimentFile } from '../../../src/core/tracking/experiment-file'
import { planImport } from '../../../src/core/tracking/import-plan'
import { addModelVersion, createRegisteredModel, transition, type RegisteredModel } from '../../../src/core/tracking/registry'
import { migrateRun } from '../../../src/core/tracking/run-schema'
import { encodeTarget, inferTask } from '../../../src/core/train/target'
import { plainMessage, splitDomain, userMessage } from '../../../src/core/user-message'
import { RunIsRegisteredError } from '../../../src/services/storage/runs'
import { makeTable, recipeOf } from './clean/tables'
import { makeRun } from './tracking/fixtures'

/** What the code under test throws (sync or async), for feeding to userMessage. */
async function caught(work: () => unknown): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

/** A model "Sepsis" with versions 1 and 2, version 1 in Production. */
function sepsis(): RegisteredModel {
  let model = createRegisteredModel('Sepsis', '2026-03-01T08:00:00Z')
  for (const run of ['r1', 'r2']) model = addModelVersion(model, run, '', '2026-03-01T09:00:00Z').model
  return transition(model, 1, 'Production', '', '2026-03-02T09:00:00Z').model
}

/** A developer prefix ("registry: ", "recipe: ") or a parameter's field name (camelCase) must never reach people. */
const DEVELOPER_WORDING = /^[a-z][\w-]*(?: [a-z][\w-]*)?:|\b[a-z]+[A-Z]\w*\b/

describe('userMessage: the sentence people read for an error', () => {
  it('says "the number of folds" where the fold checks write k, and names searched parameters by their labels', () => {
    expect(plainMessage('folds: k = 5 is larger than the smallest class (class "Yes" has 3 rows); use at most 3 folds', 'folds-too-many')).toBe(
      'The number of folds (5) is larger than the smallest class (class "Yes" has 3 rows); use at most 3 folds.',
    )
    expect(plainMessage('search: learningRate range [0, 1] is outside what Gradient boosting accepts (gradient boosting: learningRate = 0 is invalid; expected a number in (0, 1])', 'search-space')).toBe(
      'Learning rate range [0, 1] is outside what Gradient boosting accepts (gradient boosting: Learning rate = 0 is invalid; expected a number in (0, 1]).',
    )
  })

  it('offers the way out of a refused promotion without naming the option archiveExisting', async () => {
    const error = await caught(() => transition(sepsis(), 2, 'Production', '', '2026-03-03T09:00:00Z'))
    expect(errorCode(error)).toBe('registry-production-taken')
    expect(errorText(error)).toContain('archiveExisting') // the technical message, for logs and the API, is unchanged
    expect(userMessage(error)).toBe('Version 1 of "Sepsis" is in Production, and only one version can be at a time. Archive version 1 first, or archive it and promote version 2 in one step.')
  })

  it('drops the domain and capitalises: a move to the stage a version is in', async () => {
    const error = await caught(() => transition(sepsis(), 1, 'Production', '', '2026-03-03T09:00:00Z'))
    expect(errorText(error)).toBe('registry: version 1 of "Sepsis" is already in Production')
    expect(userMessage(error)).toBe('Version 1 of "Sepsis" is already in Production.')
  })

  it('names a failing recipe step as the Clean page does', async () => {
    const table = makeTable({ edss: ['high', 'low', 'high'] })
    const error = await caught(() => applyRecipe(table, recipeOf(table, [{ id: 'c', kind: 'convert', column: 'edss', to: 'number' }])))
    expect(errorText(error)).toBe('recipe: step 1 (convert): no value of "edss" is a number (e.g. "high", "low"); converting would leave the column empty')
    expect(userMessage(error)).toBe('Step 1 (Convert a column type): no value of "edss" is a number (e.g. "high", "low"); converting would leave the column empty.')
  })

  it('says a file of another kind is not a recipe', async () => {
    const error = await caught(() => parseRecipe({ format: 'clinical-ml-studio/model-bundle', version: 1, steps: [] }))
    expect(userMessage(error)).toBe('This file is not a cleaning recipe (its "format" is "clinical-ml-studio/model-bundle").')
    expect(userMessage(await caught(() => parseRecipe({ steps: [] })))).toBe('This file is not a cleaning recipe: it has no "format" field.')
  })

  it('drops the reader prefix of a damaged Parquet file and of a ragged CSV', async () => {
    const whole = readFileSync(new URL('../../../sample-data/parkinsons.parquet', import.meta.url))
    const truncated = await caught(() => readDataFile(new Uint8Array(whole.subarray(0, whole.length >> 1)), 'cut.parquet'))
    expect(errorText(truncated)).toMatch(/^parquet: /)
    expect(userMessage(truncated)).toMatch(/^"cut\.parquet" is truncated or damaged/)
    const ragged = await caught(() => readDataFile(new TextEncoder().encode('a,b,c\n1,2,3\n4,5\n'), 'ragged.csv'))
    expect(errorText(ragged)).toMatch(/^csv: /)
    expect(userMessage(ragged)).toMatch(/^"ragged\.csv" row 3 has 2 field\(s\) but the header has 3/)
  })

  it('calls parameters by their labels on the Train page', async () => {
    const c = await caught(() => familyInfo('logistic').create({ C: -1 }))
    expect(errorCode(c)).toBe('bad-param')
    expect(userMessage(c)).toMatch(/^Regularisation C cannot be -1; it must be a number in .+\.$/)
    const patience = await caught(() => familyInfo('mlp').create({ earlyStoppingPatience: 10, validationFraction: 0 }))
    expect(errorText(patience)).toContain('earlyStoppingPatience')
    expect(userMessage(patience)).toBe('Early-stopping patience = 10 needs validation rows, but Validation share = 0; set Validation share in (0, 0.5] or Early-stopping patience to 0.')
    // The family named in the prefix decides between labels: alpha is "L1 regularisation" in boosting, "Ridge penalty (alpha)" in linear regression.
    expect(userMessage(await caught(() => familyInfo('gbdt').create({ alpha: -1 })))).toMatch(/^L1 regularisation cannot be -1/)
    expect(userMessage(await caught(() => familyInfo('linreg').create({ alpha: -1 })))).toMatch(/^Ridge penalty \(alpha\) cannot be -1/)
  })

  it('leaves out API instructions the page replaces with a question', async () => {
    const registered = new RunIsRegisteredError('run-1', [{ model: 'Sepsis', version: 1, stage: 'Production' }])
    expect(registered.message).toContain('Delete it with force')
    expect(userMessage(registered)).toBe('Run "run-1" is registered as version 1 of "Sepsis" (Production); deleting it leaves that version without its model.')
    const experiment = newExperiment('f', 'd.csv', '2026-01-01T00:00:00Z')
    const file = buildExperimentFile({ experiment, runs: [migrateRun(makeRun('a', '2026-01-01T00:00:00Z'))], registry: [], now: '2026-03-05T00:00:00Z' })
    const conflict = await caught(() => planImport(file, { experiment, runIds: new Set(['a']), modelNames: new Set() }, 'fail'))
    expect(userMessage(conflict)).toBe('Run "a" already exists; nothing was imported.')
  })

  it('says an empty target is empty, at inference and at training', async () => {
    const empty = buildColumn('y', ['', '', ''])
    const expected = '"y" is empty: none of its 3 rows has a value, so there is nothing to learn from; choose another column, or fill in "y" in the file and open it again.'
    expect(userMessage(await caught(() => inferTask(empty)))).toBe(expected)
    expect(userMessage(await caught(() => encodeTarget(empty, 'regression')))).toBe(expected)
  })

  it('handles plain errors, rejected text and sentences already fit to read', () => {
    expect(userMessage(new Error('metrics: no rows to score'))).toBe('No rows to score.')
    expect(userMessage('plain text')).toBe('Plain text.')
    expect(userMessage(new Error(''))).toBe('Something went wrong, and no reason was given.')
    const sentence = 'Could not read saved runs: the database is closed.'
    expect(plainMessage(sentence)).toBe(sentence)
    // A column name is not capitalised, and "step 3" after a prefix is kept.
    expect(plainMessage('x1 is missing')).toBe('x1 is missing.')
    expect(plainMessage('recipe: step 3: must be an object, got 4')).toBe('Step 3: must be an object, got 4.')
    expect(splitDomain('permutation importance: R² is undefined')).toEqual({ domain: 'permutation importance', rest: 'R² is undefined' })
    expect(splitDomain('"a.csv" row 2: bad')).toEqual({ domain: null, rest: '"a.csv" row 2: bad' })
  })

  it('never shows a developer prefix or field name, and reads the same when applied twice', async () => {
    const table = makeTable({ edss: ['high'] })
    const errors = [
      await caught(() => transition(sepsis(), 2, 'Production', '', '2026-03-03T09:00:00Z')),
      await caught(() => applyRecipe(table, recipeOf(table, [{ id: 'c', kind: 'convert', column: 'edss', to: 'number' }]))),
      await caught(() => familyInfo('mlp').create({ earlyStoppingPatience: 10, validationFraction: 0 })),
      await caught(() => familyInfo('mlp').create({ hiddenLayers: [0] })),
      await caught(() => inferTask(buildColumn('y', ['', '']))),
      new StudioError('no-data', 'data: no dataset is loaded'),
    ]
    for (const error of errors) {
      const text = userMessage(error)
      expect(text).not.toMatch(DEVELOPER_WORDING)
      expect(plainMessage(text)).toBe(text)
    }
  })
})
