import { StudioError } from '../errors'
import type { CategoricalPlan, NumericPlan, PipelineConfig, SelectionPlan } from './config'
import type { InputColumn } from './schema'

/** The plan one input column follows: its type's plan with the column's overrides applied. */
export type ColumnPlan = { name: string; type: 'number'; plan: NumericPlan } | { name: string; type: 'category'; plan: CategoricalPlan }

type Check = (value: unknown) => string | null

const choice = (...options: string[]): Check => (v) => (typeof v === 'string' && options.includes(v) ? null : `one of ${options.join(', ')}`)
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false')
const finite: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a finite number')
const positive: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'a number > 0')
const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'non-empty text')
const atLeastOne: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : 'an integer ≥ 1')

/** Allowed values of each numeric-plan field; its keys are the fields an override of a numeric column may set. */
const NUMERIC_CHECKS: Record<keyof NumericPlan, Check> = {
  impute: choice('median', 'mean', 'most-frequent', 'constant', 'none'),
  fillValue: finite,
  missingIndicator: bool,
  outliers: choice('none', 'iqr-clip', 'zscore-clip', 'iqr-drop', 'zscore-drop'),
  outlierFactor: positive,
  scale: choice('standard', 'minmax', 'robust', 'none'),
}

/** The same for category columns: median and mean need numbers, so they are not offered. */
const CATEGORICAL_CHECKS: Record<keyof CategoricalPlan, Check> = {
  impute: choice('most-frequent', 'constant', 'none'),
  fillValue: text,
  missingIndicator: bool,
  encode: choice('one-hot', 'ordinal'),
  maxCategories: atLeastOne,
  unseen: choice('zeros', 'other'),
}

function fail(path: string, value: unknown, expected: string): never {
  // String() for numbers so NaN and Infinity show as themselves, not as JSON's null.
  const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? 'undefined')
  throw new StudioError('bad-param', `pipeline: ${path} = ${shown} is invalid; expected ${expected}`)
}

function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, value, 'an object')
  return value as Record<string, unknown>
}

function checkPlan<T>(value: unknown, checks: Record<string, Check>, path: string): T {
  const plan = expectObject(value, path)
  for (const [field, check] of Object.entries(checks)) {
    const problem = check(plan[field])
    if (problem) fail(`${path}.${field}`, plan[field], problem)
  }
  return plan as T
}

/** Validates the selection settings; each is null (off) or in range. */
export function checkSelection(value: unknown): SelectionPlan {
  const s = expectObject(value, 'selection')
  const optional = (field: string, check: Check): void => {
    if (s[field] === null) return
    const problem = check(s[field])
    if (problem) fail(`selection.${field}`, s[field], `null (off) or ${problem}`)
  }
  optional('varianceThreshold', (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'a number ≥ 0'))
  optional('correlationThreshold', (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'a number in [0, 1]'))
  optional('topK', atLeastOne)
  return s as unknown as SelectionPlan
}

/**
 * Validates a pipeline configuration against the input columns and returns the
 * plan of each column, in input order. Every problem is an error naming the
 * field, its value and what was expected. An override must name a column of
 * the table and may only set fields of that column's type (scaling a category
 * column is an error, not a silent no-op); an override of a column that exists
 * but is not a selected feature is ignored, so a page can keep a column's
 * settings while the user toggles it in and out.
 */
export function resolvePlans(inputs: readonly InputColumn[], config: PipelineConfig, tableColumns: readonly string[]): ColumnPlan[] {
  expectObject(config, 'config')
  const numeric = checkPlan<NumericPlan>(config.numeric, NUMERIC_CHECKS, 'numeric')
  const categorical = checkPlan<CategoricalPlan>(config.categorical, CATEGORICAL_CHECKS, 'categorical')
  checkSelection(config.selection)
  const overrides = expectObject(config.overrides ?? {}, 'overrides')
  for (const name of Object.keys(overrides)) {
    if (!tableColumns.includes(name)) {
      const known = inputs.map((c) => c.name)
      throw new StudioError('bad-param', `pipeline: overrides name the column "${name}", which the table does not have; expected one of ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`)
    }
  }
  return inputs.map((input): ColumnPlan => {
    const override = overrides[input.name] === undefined ? {} : expectObject(overrides[input.name], `overrides["${input.name}"]`)
    const isNumber = input.type === 'number'
    const checks: Record<string, Check> = isNumber ? NUMERIC_CHECKS : CATEGORICAL_CHECKS
    const merged: Record<string, unknown> = { ...(isNumber ? numeric : categorical) }
    for (const [field, value] of Object.entries(override)) {
      if (value === undefined) continue
      const check = checks[field]
      if (!check) {
        throw new StudioError('bad-param', `pipeline: overrides["${input.name}"].${field} does not apply to a ${isNumber ? 'numeric' : 'category'} column; expected one of ${Object.keys(checks).join(', ')}`)
      }
      const problem = check(value)
      if (problem) fail(`overrides["${input.name}"].${field}`, value, problem)
      merged[field] = value
    }
    return isNumber ? { name: input.name, type: 'number', plan: merged as unknown as NumericPlan } : { name: input.name, type: 'category', plan: merged as unknown as CategoricalPlan }
  })
}
