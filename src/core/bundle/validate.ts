import { StudioError } from '../errors'
import { bundleSchema, validateBundleV1, validateBundleV2 } from './validate-bundle.generated'

/**
 * Checks a document against model-bundle.schema.json (version 2, or the
 * version-1 definition) with the ajv-generated validator, and turns the first
 * error into a message that names the JSON path and what belongs there:
 *
 *   bundle: pipeline.steps[2].columns[0].center: expected a number, got "x"
 *
 * The generated module (validate-bundle.generated.ts) holds no eval, so this
 * runs under the page's Content-Security-Policy, in workers and in Node alike.
 */

/** One error as ajv's generated code reports it (verbose: data and schemas included). */
interface AjvError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  data?: unknown
  schema?: unknown
  parentSchema?: Record<string, unknown>
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null }

/** Throws 'bundle-invalid' naming the first problem when `doc` is not a valid version-2 bundle. */
export function checkBundleV2(doc: unknown): void {
  check(validateBundleV2 as Validator, doc)
}

/** Throws 'bundle-invalid' naming the first problem when `doc` is not a readable version-1 bundle. */
export function checkBundleV1(doc: unknown): void {
  check(validateBundleV1 as Validator, doc)
}

function check(validate: Validator, doc: unknown): void {
  if (validate(doc)) return
  const error = validate.errors?.[0]
  throw new StudioError('bundle-invalid', `bundle: ${error ? describeError(error) : 'does not match the bundle schema'}`)
}

/** "path: expected …, got …" for one ajv error. */
export function describeError(error: AjvError): string {
  const path = jsonPath(error.instancePath)
  const at = (suffix: string): string => (path === '' ? suffix : `${path}.${suffix}`)
  const p = error.params
  switch (error.keyword) {
    case 'required': {
      const field = String(p.missingProperty)
      const spec = (error.parentSchema?.properties as Record<string, unknown> | undefined)?.[field]
      return `${at(field)}: missing; expected ${spec === undefined ? 'a value' : expectedOf(spec)}`
    }
    case 'type':
      return `${path || 'the document'}: expected ${typeText(p.type)}, got ${shown(error.data)}`
    case 'enum':
      return `${path}: expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${shown(error.data)}`
    case 'const':
      return `${path}: expected ${JSON.stringify(p.allowedValue)}, got ${shown(error.data)}`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${path}: expected a number ${String(p.comparison)} ${String(p.limit)}, got ${shown(error.data)}`
    case 'minLength':
      return `${path}: expected a non-empty text, got ${shown(error.data)}`
    case 'minItems':
      return `${path}: expected at least ${String(p.limit)} item(s), got ${(error.data as unknown[]).length}`
    case 'pattern':
      return `${path}: expected ${titleOf(error.parentSchema) ?? `text matching ${String(p.pattern)}`}, got ${shown(error.data)}`
    default:
      return `${path || 'the document'}: does not satisfy "${error.keyword}" of the bundle schema`
  }
}

/** "/pipeline/steps/2/mean" → "pipeline.steps[2].mean" (JSON pointer escapes undone). */
export function jsonPath(pointer: string): string {
  if (pointer === '') return ''
  let out = ''
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^\d+$/.test(part)) out += `[${part}]`
    else out += out === '' ? part : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`
  }
  return out
}

const TYPE_TEXT: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
}

function typeText(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',')
  return types.map((t) => TYPE_TEXT[String(t)] ?? String(t)).join(' or ')
}

/** What a (sub)schema asks for, in words: its title, const, enum or type, following a $ref into the schema's definitions. */
function expectedOf(spec: unknown, depth = 0): string {
  if (typeof spec !== 'object' || spec === null) return 'a value'
  const s = spec as Record<string, unknown>
  const title = titleOf(s)
  if (title) return title
  if (typeof s.$ref === 'string' && depth < 5) {
    const name = /^#\/definitions\/(.+)$/.exec(s.$ref)?.[1]
    const target = name === undefined ? undefined : (bundleSchema.definitions as Record<string, unknown>)[name]
    return expectedOf(target, depth + 1)
  }
  if ('const' in s) return JSON.stringify(s.const)
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`
  if (s.type !== undefined) return typeText(s.type)
  return 'a value'
}

function titleOf(spec: Record<string, unknown> | undefined): string | undefined {
  return typeof spec?.title === 'string' && !/bundle/i.test(spec.title) ? spec.title : undefined
}

/** A short rendering of the value found: JSON, cut at 40 characters. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object' && value !== null) return 'an object'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}
