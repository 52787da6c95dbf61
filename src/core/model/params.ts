import { StudioError } from '../errors'

/**
 * Parameter validation shared by estimators: every bad value is an error that
 * names the parameter, the value and the allowed range.
 */
export function numberParam(family: string, name: string, value: unknown, min: number, max: number, options: { integer?: boolean; minExclusive?: boolean } = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (options.minExclusive ? value > min : value >= min) &&
    value <= max &&
    (!options.integer || Number.isInteger(value))
  if (!ok) {
    const range = `${options.minExclusive ? '(' : '['}${min}, ${max}]`
    throw new StudioError('bad-param', `${family}: ${name} = ${JSON.stringify(value)} is invalid; expected ${options.integer ? 'an integer' : 'a number'} in ${range}`)
  }
  return value as number
}

export function choiceParam<T extends string>(family: string, name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new StudioError('bad-param', `${family}: ${name} = ${JSON.stringify(value)} is invalid; expected one of ${choices.join(', ')}`)
  }
  return value as T
}

export function booleanParam(family: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new StudioError('bad-param', `${family}: ${name} = ${JSON.stringify(value)} is invalid; expected true or false`)
  return value
}

/** Rejects parameter names the estimator does not know, listing the ones it does. */
export function rejectUnknownParams(family: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw new StudioError('bad-param', `${family}: unknown parameter "${key}"; expected one of ${known.join(', ')}`)
  }
}
