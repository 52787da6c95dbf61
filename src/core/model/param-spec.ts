/**
 * Declarative parameter specs, one list per model family (param-specs/), in
 * the spirit of scikit-learn's `_parameter_constraints`: each parameter's type,
 * valid range (with open or closed bounds), whether null means "off", its
 * choices, and the range a search tries. The one spec drives the estimator's
 * validation (checkParams), the page's settings form (min, max, step, help)
 * and the default search spaces (eval/default-spaces.ts), so they cannot
 * disagree. Ranges are the estimator's mathematical validity (documented per
 * parameter), not a guess at useful values: that is what `search` is for.
 */
import type { ParamRange } from '../eval/search-space'
import { StudioError } from '../errors'

export interface ParamSpec {
  name: string
  label: string
  help: string
  type: 'number' | 'integer' | 'choice' | 'boolean'
  /** Numbers: the bounds; closed unless minExclusive / maxExclusive. */
  min?: number
  max?: number
  minExclusive?: boolean
  maxExclusive?: boolean
  /** null is valid ("no limit", "off"); an emptied field on the page sends it. */
  nullable?: boolean
  /** The form's step. */
  step?: number
  /** Choices as the form offers them (values are what the estimator receives). */
  choices?: { value: string; label: string }[]
  /**
   * Validated by the estimator itself, which accepts more than the form's
   * choices (random forest's maxFeatures takes any fraction in (0, 1];
   * the neural net's hiddenLayers a list of sizes).
   */
  customCheck?: boolean
  /** The range a search tries for this parameter; it must lie inside the valid range. Default: the valid range. */
  search?: ParamRange
  /** Kept off the page's form (the run's seed sets the family's seed). */
  hidden?: boolean
}

/** A parameter value as text for messages; NaN (an emptied number field) stays NaN rather than JSON's null. */
function shown(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value)
}

/** "[0, 1]", "(0, 1]", "[0, 0.9)". */
export function rangeText(spec: Pick<ParamSpec, 'min' | 'max' | 'minExclusive' | 'maxExclusive'>): string {
  return `${spec.minExclusive ? '(' : '['}${spec.min}, ${spec.max}${spec.maxExclusive ? ')' : ']'}`
}

/** The valid range in plain words for the page's form ("Above 0, up to 1."); null for choices and switches. */
export function rangeWords(spec: ParamSpec): string | null {
  if ((spec.type !== 'number' && spec.type !== 'integer') || spec.min === undefined || spec.max === undefined) return null
  const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 12 })
  const kind = spec.type === 'integer' ? 'A whole number' : 'A number'
  const low = spec.minExclusive ? `above ${n(spec.min)}` : `from ${n(spec.min)}`
  const high = spec.maxExclusive ? `below ${n(spec.max)}` : `up to ${n(spec.max)}`
  return `${kind} ${low}, ${high}${spec.nullable ? '; empty for none' : ''}.`
}

/** True when `value` is a number the spec's bounds (and integrality) accept. */
export function inNumberRange(spec: ParamSpec, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false
  if (spec.type === 'integer' && !Number.isInteger(value)) return false
  if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) return false
  if (spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max)) return false
  return true
}

/**
 * Validates one value against its spec and returns it; a bad value throws a
 * 'bad-param' StudioError naming the family, the parameter, the value and the
 * valid range ("gradient boosting: learningRate = 0 is invalid; expected a number in (0, 1]").
 */
export function checkParam(family: string, spec: ParamSpec, value: unknown): unknown {
  if (spec.nullable && value === null) return null
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (inNumberRange(spec, value)) return value
      const kind = spec.type === 'integer' ? 'an integer' : 'a number'
      const expected = spec.nullable ? `null (no limit) or ${kind} in ${rangeText(spec)}` : `${kind} in ${rangeText(spec)}`
      throw new StudioError('bad-param', `${family}: ${spec.name} = ${spec.nullable ? shown(value) : JSON.stringify(value)} is invalid; expected ${expected}`)
    }
    case 'choice': {
      const values = (spec.choices ?? []).map((c) => c.value)
      if (typeof value === 'string' && values.includes(value)) return value
      throw new StudioError('bad-param', `${family}: ${spec.name} = ${JSON.stringify(value)} is invalid; expected one of ${values.join(', ')}`)
    }
    case 'boolean':
      if (typeof value === 'boolean') return value
      throw new StudioError('bad-param', `${family}: ${spec.name} = ${JSON.stringify(value)} is invalid; expected true or false`)
  }
}

/** Rejects parameter names the estimator does not know, listing the ones it does. */
export function rejectUnknownParams(family: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw new StudioError('bad-param', `${family}: unknown parameter "${key}"; expected one of ${known.join(', ')}`)
  }
}

/**
 * The estimator's parameters: unknown names refused, defaults filled in, and
 * every parameter with a spec checked against it (customCheck ones are left
 * to the estimator). Estimator constructors call this.
 */
export function checkParams<T extends object>(family: string, specs: readonly ParamSpec[], defaults: T, given: object): T {
  rejectUnknownParams(family, given, Object.keys(defaults))
  const merged = { ...defaults, ...given } as Record<string, unknown>
  for (const spec of specs) if (!spec.customCheck) merged[spec.name] = checkParam(family, spec, merged[spec.name])
  return merged as T
}

/** The spec named `name` in `specs` (a programming error when missing). */
export function specOf(specs: readonly ParamSpec[], name: string): ParamSpec {
  const spec = specs.find((s) => s.name === name)
  if (!spec) throw new Error(`no parameter spec "${name}"`)
  return spec
}
