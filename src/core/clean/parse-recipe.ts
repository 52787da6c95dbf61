import { StudioError } from '../errors'
import { isUnitText, MAX_UNIT_LENGTH } from '../table/number-text'
import { quote, recipeError, stepError } from './recipe-error'
import type { SourceColumn } from './source-schema'
import { conflictingKeys } from './text-core'
import { RECIPE_FORMAT, RECIPE_VERSION, recipeVersion, type CleaningRecipe, type CleaningStep, type CleaningStepKind, type RuleAction, type ValidationRule } from './types'

export { checkRecipeFits, findRecipeProblems, type RecipeProblem } from './check-fits'

const STEP_KINDS: readonly CleaningStepKind[] = [
  'drop-columns', 'drop-missing-target', 'drop-sparse-rows', 'drop-sparse-columns', 'validate', 'convert', 'split', 'standardize-text', 'dedupe',
]
const RULE_KINDS = ['range', 'allowed', 'required'] as const
const ACTIONS: readonly RuleAction[] = ['drop-row', 'set-missing']

type Json = Record<string, unknown>

/**
 * Reads a cleaning recipe from parsed JSON (or JSON text) and checks every
 * field, returning a clean copy holding only the known fields. A wrong
 * format, a newer version, an unknown step or rule kind, a missing field or a
 * bad threshold is a StudioError naming the step (1-based), the rule and the
 * field: 'recipe: step 3 (drop-sparse-rows): field "maxMissingShare" must be a
 * number from 0 to 1, got 1.5'. Nothing here looks at data; see checkRecipeFits.
 */
export function parseRecipe(json: unknown): CleaningRecipe {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json)
    } catch (error) {
      throw recipeError('recipe-invalid', `the text is not JSON (${(error as Error).message})`)
    }
  }
  if (!isObject(json)) throw recipeError('recipe-invalid', `expected a JSON object, got ${describe(json)}`)
  if (!('format' in json)) throw recipeError('recipe-format', `no "format" field; a cleaning recipe has format "${RECIPE_FORMAT}"`)
  if (json.format !== RECIPE_FORMAT) {
    throw recipeError('recipe-format', `format is ${quote(json.format)}, expected "${RECIPE_FORMAT}"; this file is not a cleaning recipe`)
  }
  const version = json.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw recipeError('recipe-version', `field "version" must be a whole number from 1, got ${describe(version)}`)
  }
  if (version > RECIPE_VERSION) {
    throw recipeError('recipe-version', `version ${version} is newer than this studio understands (up to ${RECIPE_VERSION}); update the studio to use this recipe`)
  }
  const sourceColumns = stringList(json.sourceColumns, (problem) => recipeError('recipe-invalid', `field "sourceColumns" ${problem}`))
  const sourceSchema = json.sourceSchema === undefined ? undefined : parseSourceSchema(json.sourceSchema, sourceColumns)
  if (!Array.isArray(json.steps)) throw recipeError('recipe-invalid', `field "steps" must be a list of steps, got ${describe(json.steps)}`)
  const seen = new Map<string, number>()
  const steps = json.steps.map((raw, index) => {
    const step = parseStep(raw, index)
    const earlier = seen.get(step.id)
    if (earlier !== undefined) throw stepError('recipe-invalid', index, step.kind, `id "${step.id}" is already used by step ${earlier + 1}; step ids must be unique`)
    seen.set(step.id, index)
    return step
  })
  return { format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns, ...(sourceSchema ? { sourceSchema } : {}), steps }
}

/**
 * The optional `sourceSchema`: one entry per source column, in the order of
 * `sourceColumns`, each { name, type: "number" | "category", decimalComma?: true
 * (numbers only) }. Anything else names the entry and the field.
 */
function parseSourceSchema(raw: unknown, sourceColumns: readonly string[]): SourceColumn[] {
  const fail = (problem: string): StudioError => recipeError('recipe-invalid', `field "sourceSchema" ${problem}`)
  if (!Array.isArray(raw)) throw fail(`must be a list of columns ({ "name", "type" }), got ${describe(raw)}`)
  const names = raw.map((entry) => (isObject(entry) ? entry.name : undefined))
  if (raw.length !== sourceColumns.length || names.some((name, k) => name !== sourceColumns[k])) {
    throw fail(`must list the ${sourceColumns.length} columns of "sourceColumns" in the same order; it lists ${names.map((n) => (typeof n === 'string' ? `"${n}"` : describe(n))).join(', ') || 'none'}`)
  }
  return raw.map((entry: Json, k): SourceColumn => {
    const field = new Fields(entry, (name, problem) => fail(`item ${k + 1} ("${sourceColumns[k]}"): field "${name}" ${problem}`))
    const type = field.oneOf('type', ['number', 'category'] as const)
    const decimalComma = field.optionalBoolean('decimalComma')
    if (decimalComma !== undefined && type !== 'number') throw field.failure('decimalComma', `only applies to a number column (type "number"), got type "${type}"`)
    return { name: sourceColumns[k], type, ...(decimalComma ? { decimalComma: true } : {}) }
  })
}

function parseStep(raw: unknown, index: number): CleaningStep {
  if (!isObject(raw)) throw recipeError('recipe-invalid', `step ${index + 1}: must be an object, got ${describe(raw)}`)
  if (!('kind' in raw)) throw recipeError('recipe-invalid', `step ${index + 1}: field "kind" is missing (one of ${STEP_KINDS.join(', ')})`)
  const kind = raw.kind
  if (typeof kind !== 'string' || !STEP_KINDS.includes(kind as CleaningStepKind)) {
    throw recipeError('recipe-unknown-step', `step ${index + 1}: unknown kind ${quote(kind)} (known: ${STEP_KINDS.join(', ')})`)
  }
  const fail = (problem: string): StudioError => stepError('recipe-invalid', index, kind, problem)
  const field = new Fields(raw, (name, problem) => fail(`field "${name}" ${problem}`))
  const id = field.text('id')
  const reason = field.optionalText('reason')
  const withReason = <T extends CleaningStep>(step: T): T => (reason === undefined ? step : { ...step, reason })
  switch (kind as CleaningStepKind) {
    case 'drop-columns':
      return withReason({ id, kind: 'drop-columns', columns: field.texts('columns') })
    case 'drop-missing-target':
      return withReason({ id, kind: 'drop-missing-target', column: field.text('column') })
    case 'drop-sparse-rows':
      return withReason({ id, kind: 'drop-sparse-rows', maxMissingShare: field.share('maxMissingShare') })
    case 'drop-sparse-columns':
      return withReason({ id, kind: 'drop-sparse-columns', maxMissingShare: field.share('maxMissingShare') })
    case 'validate': {
      if (!Array.isArray(raw.rules)) throw fail(`field "rules" must be a list of rules, got ${describe(raw.rules)}`)
      const ids = new Set<string>()
      const rules = raw.rules.map((rule, r) => {
        const parsed = parseRule(rule, r, (problem) => fail(problem))
        if (ids.has(parsed.id)) throw fail(`rule ${r + 1}: id "${parsed.id}" is used by another rule of this step`)
        ids.add(parsed.id)
        return parsed
      })
      return withReason({ id, kind: 'validate', rules })
    }
    case 'convert': {
      const column = field.text('column')
      const to = field.oneOf('to', ['number', 'category', 'boolean'] as const)
      for (const name of ['decimalComma', 'unit'] as const) {
        if (raw[name] !== undefined && to !== 'number') throw fail(`field "${name}" only applies to a conversion to numbers (to "number"), got to "${to}"`)
      }
      return withReason({ id, kind: 'convert', column, to, ...numberOptions(field) })
    }
    case 'split': {
      const column = field.text('column')
      const separator = field.text('separator')
      if (/\d/.test(separator) || separator.trim() === '') throw fail(`field "separator" must be a text without digits that is not only spaces, such as "/", got ${quote(separator)}`)
      const into = field.texts('into')
      if (into.length < 2) throw fail(`field "into" must name at least 2 new columns (one per part), got ${into.length}`)
      const padded = into.find((name) => name !== name.trim())
      if (padded !== undefined) throw fail(`field "into": the name ${quote(padded)} starts or ends with a space; remove it`)
      const twice = into.find((name, k) => into.indexOf(name) !== k)
      if (twice !== undefined) throw fail(`field "into" names "${twice}" twice; each new column needs its own name`)
      const options = numberOptions(field)
      if (options.decimalComma && separator === ',') throw fail('field "separator" cannot be "," when "decimalComma" is true: the comma would both split the value and mark its decimals')
      return withReason({ id, kind: 'split', column, separator, into, ...options })
    }
    case 'standardize-text': {
      const step = {
        id,
        kind: 'standardize-text' as const,
        columns: field.texts('columns'),
        trim: field.boolean('trim'),
        case: field.oneOf('case', ['lower', 'upper', 'none'] as const),
        valueMap: field.textMap('valueMap'),
      }
      const [first] = conflictingKeys(step)
      if (first) {
        const how = [step.trim ? 'trimming' : '', step.case !== 'none' ? `${step.case}-casing` : ''].filter(Boolean).join(' and ')
        throw fail(`value map keys "${first[0]}" and "${first[1]}" are the same after ${how} but map to different values (${quote(step.valueMap[first[0]])}, ${quote(step.valueMap[first[1]])})`)
      }
      return withReason(step)
    }
    case 'dedupe': {
      if (raw.columns === null) return withReason({ id, kind: 'dedupe', columns: null })
      const columns = field.texts('columns')
      if (columns.length === 0) throw fail('field "columns" must list at least one column, or be null to compare all columns')
      return withReason({ id, kind: 'dedupe', columns })
    }
  }
}

/** The optional number-reading fields of convert and split steps, present only when given. */
function numberOptions(field: Fields): { decimalComma?: boolean; unit?: string } {
  const out: { decimalComma?: boolean; unit?: string } = {}
  const decimalComma = field.optionalBoolean('decimalComma')
  if (decimalComma !== undefined) out.decimalComma = decimalComma
  const unit = field.optionalText('unit')
  if (unit !== undefined) {
    if (!isUnitText(unit)) {
      throw field.failure('unit', `must be a unit such as "kg", "%" or "mmHg": starting with a letter, %, ‰, ° or µ, no surrounding spaces, at most ${MAX_UNIT_LENGTH} characters; got ${quote(unit)}`)
    }
    out.unit = unit
  }
  return out
}

function parseRule(raw: unknown, r: number, fail: (problem: string) => StudioError): ValidationRule {
  if (!isObject(raw)) throw fail(`rule ${r + 1}: must be an object, got ${describe(raw)}`)
  const label = typeof raw.id === 'string' && raw.id !== '' ? `rule ${r + 1} (${raw.id})` : `rule ${r + 1}`
  const field = new Fields(raw, (name, problem) => fail(`${label}: field "${name}" ${problem}`))
  const id = field.text('id')
  const column = field.text('column')
  if (!('kind' in raw)) throw fail(`${label}: field "kind" is missing (one of ${RULE_KINDS.join(', ')})`)
  if (!RULE_KINDS.includes(raw.kind as (typeof RULE_KINDS)[number])) throw fail(`${label}: unknown rule kind ${quote(raw.kind)} (known: ${RULE_KINDS.join(', ')})`)
  const reason = field.optionalText('reason')
  const withReason = <T extends ValidationRule>(rule: T): T => (reason === undefined ? rule : { ...rule, reason })
  if (raw.kind === 'required') {
    if (raw.action !== 'drop-row') throw fail(`${label}: field "action" of a required rule must be "drop-row" (a missing cell cannot be set missing), got ${describe(raw.action)}`)
    return withReason({ id, column, kind: 'required', action: 'drop-row' })
  }
  const action = field.oneOf('action', ACTIONS)
  if (raw.kind === 'allowed') {
    const values = field.texts('values')
    if (values.length === 0) throw fail(`${label}: field "values" must list at least one allowed value`)
    return withReason({ id, column, kind: 'allowed', values, action })
  }
  const min = field.bound('min')
  const max = field.bound('max')
  if (min === null && max === null) throw fail(`${label}: fields "min" and "max" are both null; a range needs at least one bound`)
  const rule: ValidationRule = {
    id, column, kind: 'range', min, max,
    ...('minExclusive' in raw ? { minExclusive: field.boolean('minExclusive') } : {}),
    ...('maxExclusive' in raw ? { maxExclusive: field.boolean('maxExclusive') } : {}),
    action,
  }
  if (min !== null && max !== null && (min > max || (min === max && (rule.minExclusive || rule.maxExclusive)))) {
    throw fail(`${label}: "min" ${min} is above "max" ${max}; no value could pass`)
  }
  return withReason(rule)
}

/** Typed field readers that report the field name and what was found. */
class Fields {
  constructor(private readonly raw: Json, private readonly fail: (name: string, problem: string) => StudioError) {}

  private get(name: string): unknown {
    if (!(name in this.raw) || this.raw[name] === undefined) throw this.fail(name, 'is missing')
    return this.raw[name]
  }

  text(name: string): string {
    const v = this.get(name)
    if (typeof v !== 'string' || v === '') throw this.fail(name, `must be a non-empty text, got ${describe(v)}`)
    return v
  }

  optionalText(name: string): string | undefined {
    if (this.raw[name] === undefined) return undefined
    const v = this.raw[name]
    if (typeof v !== 'string') throw this.fail(name, `must be a text, got ${describe(v)}`)
    return v
  }

  texts(name: string): string[] {
    return stringList(this.get(name), (problem) => this.fail(name, problem))
  }

  /** A StudioError about field `name`. */
  failure(name: string, problem: string): StudioError {
    return this.fail(name, problem)
  }

  optionalBoolean(name: string): boolean | undefined {
    return this.raw[name] === undefined ? undefined : this.boolean(name)
  }

  boolean(name: string): boolean {
    const v = this.get(name)
    if (typeof v !== 'boolean') throw this.fail(name, `must be true or false, got ${describe(v)}`)
    return v
  }

  oneOf<T extends string>(name: string, options: readonly T[]): T {
    const v = this.get(name)
    if (!options.includes(v as T)) throw this.fail(name, `must be one of ${options.map((o) => `"${o}"`).join(', ')}, got ${describe(v)}`)
    return v as T
  }

  share(name: string): number {
    const v = this.get(name)
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw this.fail(name, `must be a number from 0 to 1 (a share of cells), got ${describe(v)}`)
    return v
  }

  bound(name: string): number | null {
    const v = this.get(name)
    if (v === null) return null
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.fail(name, `must be a number or null, got ${describe(v)}`)
    return v
  }

  textMap(name: string): Record<string, string> {
    const v = this.get(name)
    if (!isObject(v)) throw this.fail(name, `must be an object of text → text, got ${describe(v)}`)
    const out: Record<string, string> = {}
    for (const [key, value] of Object.entries(v)) {
      if (typeof value !== 'string') throw this.fail(name, `maps ${quote(key)} to ${describe(value)}; values must be texts`)
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
}

function stringList(v: unknown, fail: (problem: string) => StudioError): string[] {
  if (!Array.isArray(v)) throw fail(`must be a list of texts, got ${describe(v)}`)
  const bad = v.findIndex((x) => typeof x !== 'string' || x === '')
  if (bad >= 0) throw fail(`item ${bad + 1} must be a non-empty text, got ${describe(v[bad])}`)
  return v.slice() as string[]
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  return typeof v === 'string' ? quote(v) : String(v)
}

