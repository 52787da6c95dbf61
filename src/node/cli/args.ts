/**
 * Command-line options on top of node:util parseArgs (strict: an unknown
 * option or a missing value is an error), with typed readers that turn a bad
 * value into a usage error naming the option.
 */
import { parseArgs } from 'node:util'
import { CliError, EXIT_USAGE } from './run-cli'

/** What a command accepts: option name → string or boolean flag (`multiple`: may be repeated, read with stringList). */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>

/** Parsed option values by name; absent options are undefined; repeatable options are lists. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>

/**
 * Parses `argv` (the arguments after the script) against `spec`. Positional
 * arguments are refused: every input is named, so a typo cannot shift meaning.
 */
export function parseOptions(argv: string[], spec: OptionSpec): OptionValues {
  try {
    const { values } = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false })
    return values as OptionValues
  } catch (error) {
    // parseArgs messages are long and suggest "--" tricks; keep the first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error)
    throw new CliError(`${message.replace(/\.$/, '')}; see --help`, EXIT_USAGE)
  }
}

/** The value of a required string option, or a usage error naming it. */
export function requiredString(values: OptionValues, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new CliError(`--${name} is required; see --help`, EXIT_USAGE)
  return value
}

/** The value of an optional string option. */
export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** Every value of a repeatable string option (`multiple: true`), in the order given; [] when absent. */
export function stringList(values: OptionValues, name: string): string[] {
  const value = values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

/**
 * A number option within [min, max] (exclusive bounds where asked), `fallback`
 * when absent; anything else is a usage error naming the option and the range.
 */
export function numberOption(
  values: OptionValues,
  name: string,
  fallback: number,
  range: { min: number; max: number; exclusive?: boolean; integer?: boolean },
): number {
  const text = optionalString(values, name)
  if (text === undefined) return fallback
  const value = Number(text)
  const inRange = range.exclusive ? value > range.min && value < range.max : value >= range.min && value <= range.max
  if (text.trim() === '' || !Number.isFinite(value) || !inRange || (range.integer && !Number.isInteger(value))) {
    const bounds = range.exclusive ? `between ${range.min} and ${range.max} (exclusive)` : `in [${range.min}, ${range.max}]`
    throw new CliError(`--${name} ${JSON.stringify(text)} is invalid; expected ${range.integer ? 'an integer' : 'a number'} ${bounds}`, EXIT_USAGE)
  }
  return value
}

/** Parses a JSON object option (e.g. --params), or a usage error saying what is wrong. */
export function jsonObjectOption(values: OptionValues, name: string): Record<string, unknown> {
  const text = optionalString(values, name)
  if (text === undefined) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CliError(`--${name} is not valid JSON (${error instanceof Error ? error.message : error}); expected an object such as '{"C": 0.5}'`, EXIT_USAGE)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`--${name} must be a JSON object such as '{"C": 0.5}', not ${JSON.stringify(parsed)}`, EXIT_USAGE)
  }
  return parsed as Record<string, unknown>
}
