import { StudioError } from '../errors'
import type { Table } from '../types'
import { listNames, stepLabel } from './recipe-error'
import { transformLevelsCore } from './text-core'
import type { CleaningRecipe, CleaningStep } from './types'
import { parseCompound } from '../table/number-text'
import { splitClashMessage } from './step-split'
import { BOOLEAN_LEVELS, examples, isMissingText, numberWording, parseBoolean, parseNumber, readNumber } from './values'

/** One reason a recipe cannot be applied to a table. `step` is 0-based when a step is at fault. */
export interface RecipeProblem {
  code: string
  step?: number
  message: string
}

/** What the checks know about a column at some point of the recipe, without touching rows. */
interface ColumnState {
  type: 'number' | 'category'
  /** Distinct texts of a category column; null when unknown (a number column converted to category). */
  levels: string[] | null
  /** Values a value map of an earlier step writes into this column, and that step. */
  mapped?: { step: number; values: string[] }
}

/**
 * Everything that stops `recipe` from applying to `table`, found before any
 * row is touched: columns the recipe needs that the table lacks (a recipe from
 * another dataset: one problem listing them all), steps using a column an
 * earlier step removed, a range rule on a text column, text standardisation
 * or a value map on a numeric column, a value map whose values a later
 * conversion cannot read, a conversion that fails for every value, and a table
 * with no values at all. Column types and category levels are followed through
 * the steps on the dictionaries only (O(levels)), so this is cheap to run on
 * every apply. Row-dependent outcomes (a step removing every row) are found by
 * applyRecipe, which still applies nothing.
 */
export function findRecipeProblems(recipe: CleaningRecipe, table: Table): RecipeProblem[] {
  const problems: RecipeProblem[] = []
  if (table.rowCount === 0 || table.columns.length === 0) {
    return [{ code: 'recipe-empty-table', message: `recipe: "${table.name}" has no ${table.rowCount === 0 ? 'rows' : 'columns'}; there is nothing to clean` }]
  }
  if (table.columns.every((c) => allMissing(c))) {
    return [{ code: 'recipe-all-missing', message: `recipe: every cell of "${table.name}" is missing (${table.rowCount} rows × ${table.columns.length} columns); there is nothing to clean` }]
  }
  const present = new Set(table.columns.map((c) => c.name))
  const needed = new Set(recipe.sourceColumns)
  // A column made by an earlier step (a split's new columns) is not needed from the file.
  const made = new Set<string>()
  for (const step of recipe.steps) {
    for (const name of columnsUsed(step)) if (!made.has(name)) needed.add(name)
    for (const name of columnsMade(step)) made.add(name)
  }
  const missing = [...needed].filter((name) => !present.has(name))
  if (missing.length > 0) {
    problems.push({
      code: 'recipe-missing-columns',
      message:
        `recipe: ${missing.length === 1 ? 'a column' : `${missing.length} columns`} the recipe needs ${missing.length === 1 ? 'is' : 'are'} not in "${table.name}": ${listNames(missing, 20)}; ` +
        'was the recipe made for another dataset?',
    })
  }
  const state = new Map<string, ColumnState>()
  for (const c of table.columns) state.set(c.name, c.type === 'number' ? { type: 'number', levels: null } : { type: 'category', levels: usedLevels(c.codes, c.levels) })
  const removedBy = new Map<string, number>()
  recipe.steps.forEach((step, index) => {
    const problem = (code: string, text: string): void => {
      problems.push({ code, step: index, message: `recipe: ${stepLabel(index, step.kind)}: ${text}` })
    }
    // Columns absent from the table were reported above; here only those removed by an earlier step.
    const lookup = (name: string, what: string): ColumnState | undefined => {
      const s = state.get(name)
      if (!s && removedBy.has(name)) {
        const by = removedBy.get(name) as number
        problem('recipe-missing-column', `${what} uses "${name}", which ${stepLabel(by, recipe.steps[by].kind)} removed`)
      }
      return s
    }
    checkStep(step, index, lookup, problem, state, removedBy)
  })
  return problems
}

/**
 * Throws one StudioError listing every problem of findRecipeProblems (its code
 * is the first problem's), or returns when the recipe fits the table.
 */
export function checkRecipeFits(recipe: CleaningRecipe, table: Table): void {
  const problems = findRecipeProblems(recipe, table)
  if (problems.length === 0) return
  const message = problems.length === 1 ? problems[0].message : `${problems[0].message} (and ${problems.length - 1} more: ${problems.slice(1).map((p) => p.message.replace(/^recipe: /, '')).join('; ')})`
  throw new StudioError(problems[0].code, message)
}

function checkStep(
  step: CleaningStep,
  index: number,
  lookup: (name: string, what: string) => ColumnState | undefined,
  problem: (code: string, text: string) => void,
  state: Map<string, ColumnState>,
  removedBy: Map<string, number>,
): void {
  switch (step.kind) {
    case 'drop-columns':
      for (const name of step.columns) {
        if (lookup(name, 'this step') === undefined) continue
        state.delete(name)
        removedBy.set(name, index)
      }
      return
    case 'drop-missing-target':
      lookup(step.column, 'this step')
      return
    case 'drop-sparse-rows':
    case 'drop-sparse-columns':
      return
    case 'dedupe':
      for (const name of step.columns ?? []) lookup(name, 'this step')
      return
    case 'validate':
      for (const rule of step.rules) {
        const s = lookup(rule.column, `rule ${rule.id}`)
        if (!s) continue
        if (rule.kind === 'range' && s.type === 'category') {
          problem('recipe-rule-type', `rule ${rule.id}: "${rule.column}" holds text at this point (e.g. ${examples(s.levels ?? [], 2) || '""'}), but a range needs numbers; add a convert step to number before it`)
        }
        if (rule.kind === 'allowed' && s.type === 'number') {
          const bad = rule.values.filter((v) => Number.isNaN(parseNumber(v)))
          if (bad.length > 0) problem('recipe-rule-type', `rule ${rule.id}: "${rule.column}" holds numbers, but the allowed values ${examples(bad)} are not numbers`)
        }
      }
      return
    case 'standardize-text':
      for (const name of step.columns) {
        const s = lookup(name, 'this step')
        if (!s) continue
        if (s.type === 'number') {
          const what = Object.keys(step.valueMap).length > 0 ? 'its value map cannot apply' : 'text standardisation does not apply'
          problem('recipe-type-conflict', `"${name}" holds numbers, so ${what}; remove "${name}" from this step or convert it to category first`)
          continue
        }
        const values = Object.values(step.valueMap)
        const levels = s.levels ? [...new Set(transformLevelsCore(s.levels, step).filter((t) => !isMissingText(t)))] : null
        state.set(name, { type: 'category', levels, mapped: values.length > 0 ? { step: index, values } : s.mapped })
      }
      return
    case 'split': {
      const s = lookup(step.column, 'this step')
      const taken = step.into.filter((name) => state.has(name))
      if (taken.length > 0) problem('recipe-split-clash', splitClashMessage(taken))
      if (!s) return
      if (s.type === 'number') {
        problem('recipe-split-type', `"${step.column}" holds numbers at this point, not text such as "120/80"; there is nothing to split`)
      } else if (s.levels && s.levels.length > 0 && !s.levels.some((t) => parseCompound(t, step.separator, step.into.length, step) !== null)) {
        problem('recipe-conversion-failed', `no value of "${step.column}" splits at "${step.separator}" into ${step.into.length} ${numberWording(step).many} (e.g. ${examples(s.levels)}); splitting would leave the new columns empty`)
      }
      state.delete(step.column)
      removedBy.set(step.column, index)
      for (const name of step.into) {
        state.set(name, { type: 'number', levels: null })
        removedBy.delete(name)
      }
      return
    }
    case 'convert': {
      const s = lookup(step.column, 'this step')
      if (!s) return
      if (step.to === 'category') {
        state.set(step.column, s.type === 'category' ? s : { type: 'category', levels: null })
        return
      }
      const reads = step.to === 'number' ? (t: string) => !Number.isNaN(readNumber(t, step).value) : (t: string) => parseBoolean(t) >= 0
      const what = step.to === 'number' ? numberWording(step).one : 'a yes/no value'
      if (s.type === 'category') {
        const unreadable = s.mapped?.values.filter((v) => !isMissingText(v) && !reads(v)) ?? []
        if (s.mapped && unreadable.length > 0) {
          problem(
            'recipe-type-conflict',
            `"${step.column}" is converted to ${step.to}, but ${stepLabel(s.mapped.step, 'standardize-text')} maps values to ${examples(unreadable)}, which ${unreadable.length === 1 ? 'is not' : 'are not'} ${what}; change the value map or convert first`,
          )
        } else if (s.levels && s.levels.length > 0 && !s.levels.some(reads)) {
          problem('recipe-conversion-failed', `no value of "${step.column}" is ${what} (e.g. ${examples(s.levels)}); converting would leave the column empty`)
        }
      }
      state.set(step.column, step.to === 'number' ? { type: 'number', levels: null } : { type: 'category', levels: [...BOOLEAN_LEVELS] })
      return
    }
  }
}

/** Names of the columns a step refers to. */
export function columnsUsed(step: CleaningStep): string[] {
  switch (step.kind) {
    case 'drop-columns':
    case 'standardize-text':
      return step.columns
    case 'drop-missing-target':
    case 'convert':
    case 'split':
      return [step.column]
    case 'validate':
      return step.rules.map((r) => r.column)
    case 'dedupe':
      return step.columns ?? []
    default:
      return []
  }
}

/** Names of the columns a step creates. */
export function columnsMade(step: CleaningStep): string[] {
  return step.kind === 'split' ? step.into : []
}

function usedLevels(codes: Int32Array, levels: string[]): string[] {
  const used = new Uint8Array(levels.length)
  for (const code of codes) if (code >= 0) used[code] = 1
  return levels.filter((_, k) => used[k])
}

function allMissing(column: Table['columns'][number]): boolean {
  if (column.type === 'number') return column.values.every((v) => Number.isNaN(v))
  return column.codes.every((c) => c < 0)
}

