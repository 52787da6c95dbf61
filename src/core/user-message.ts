/**
 * What people read when something goes wrong. Errors keep their technical
 * message ("recipe: step 1 (convert): none of the 12 values of "edss" is a
 * number …") and their code for the CLI, logs and tests; the page shows the
 * same facts as a sentence:
 *
 *   1. the domain prefix ("csv: ", "registry: ", "neural net: ") is dropped;
 *   2. a code whose message is written for programmers (it names an option
 *      such as `archiveExisting`, or a parameter by its field name) is
 *      rewritten by the entry for that code in REWRITES;
 *   3. "step N (kind)" names the step as the Clean page lists it:
 *      "Step 1 (Convert a column type)";
 *   4. the first letter is capitalised and the sentence ends with a full stop.
 *
 * Text that is already a sentence (starts with a capital, ends with a stop)
 * passes through unchanged, so applying this twice is harmless.
 */
import { STEP_KIND_LABELS } from './clean/step-kinds'
import type { CleaningStepKind } from './clean/types'
import { errorCode, errorText } from './errors'
import { FAMILIES } from './model/registry'

/** The sentence to show for anything thrown: a StudioError, a plain Error, a rejected value. */
export function userMessage(error: unknown): string {
  return plainMessage(errorText(error), errorCode(error))
}

/** The sentence for a technical `message` of an error with `code` (null when it has none). */
export function plainMessage(message: string, code: string | null = null): string {
  const { domain, rest } = splitDomain(message.trim())
  const rewrite = code === null ? undefined : REWRITES[code]
  const text = (rewrite && rewrite(rest, domain)) || rest
  return asSentence(nameSteps(text))
}

/**
 * A domain prefix: one to three lower-case words and a colon at the very start
 * ("csv: ", "experiment file: ", "permutation importance: "). Only the first is
 * dropped: in "recipe: step 3: …" the "step 3" that follows is information.
 */
const DOMAIN = /^([a-z][a-z0-9]*(?: [a-z][a-z0-9]*){0,2}): /

/** Splits "domain: rest"; text without a prefix comes back whole with domain null. */
export function splitDomain(message: string): { domain: string | null; rest: string } {
  const match = DOMAIN.exec(message)
  return match ? { domain: match[1], rest: message.slice(match[0].length) } : { domain: null, rest: message }
}

type Rewrite = (text: string, domain: string | null) => string | null

/**
 * Codes whose message (after the domain) is not fit for people, and how to say
 * it instead. Each returns null when the text does not have the expected shape,
 * and the text is then shown as it is: a changed message degrades, it never
 * disappears. Tests feed every entry the message its real thrower produces.
 */
const REWRITES: Record<string, Rewrite> = {
  // core/tracking/registry.ts transition(): names the option `archiveExisting`.
  'registry-production-taken': (text) => {
    const m = /^version (\d+) of (".*") is in Production; .*promote version (\d+)\b/.exec(text)
    return m && `Version ${m[1]} of ${m[2]} is in Production, and only one version can be at a time. Archive version ${m[1]} first, or archive it and promote version ${m[3]} in one step`
  },
  // services/storage/registry.ts deleteRegisteredModel(): "delete the model with force".
  'registry-in-production': (text) => {
    const m = /^version (\d+) of (".*") is in Production/.exec(text)
    return m && `Version ${m[1]} of ${m[2]} is in Production, so the model was kept; archive that version first`
  },
  // services/storage/runs.ts deleteRun(): "Delete it with force"; the page asks instead.
  'run-registered': (text) => text.replace(/\. Delete it with force.*$/, ''),
  // core/tracking/import-plan.ts: "Import again with "skip" …"; the page asks instead.
  'import-conflict': (text) => text.replace(/\. Import again with .*$/, ''),
  // services/storage/runs.ts saveRun(): names the field experimentId.
  'experiment-unknown': (text) => text.replace(/, or leave experimentId out.*$/, ''),
  // core/clean/parse-recipe.ts: a file of another kind opened as a recipe.
  'recipe-format': (text) => {
    const m = /^format is (.+), expected /.exec(text)
    if (m) return `This file is not a cleaning recipe (its "format" is ${m[1]})`
    return /^no "format" field/.test(text) ? 'This file is not a cleaning recipe: it has no "format" field' : null
  },
  // core/model/param-spec.ts and the families: parameters by their field names.
  'bad-param': (text, domain) => parameterSentence(text, domain),
  // core/experiment/candidates.ts: a search range the estimator refuses, named by field.
  'search-space': (text, domain) => parameterSentence(text, domain),
  // core/eval/folds.ts, reached by the runner's fold checks: "k = 5 is larger than the smallest class …".
  'folds-too-many': (text) => text.replace(/^k = (\d+) is larger/, 'The number of folds ($1) is larger'),
}

/**
 * Parameter names (`earlyStoppingPatience`) as the Train page labels them
 * ("Early-stopping patience"), preferring the family named by the domain
 * ("neural net" → Neural network (MLP)) where two families label a name apart.
 */
function parameterSentence(text: string, domain: string | null): string {
  const families = Object.values(FAMILIES)
  const own = domain === null ? undefined : families.find((f) => f.label.toLowerCase().startsWith(domain))
  const labels = new Map<string, string>()
  for (const family of own ? [own, ...families] : families) {
    for (const spec of family.params) if (!labels.has(spec.name)) labels.set(spec.name, spec.label)
  }
  const invalid = /^(\w+) = (.+) is invalid; expected (.+)$/.exec(text)
  if (invalid && labels.has(invalid[1])) return `${labels.get(invalid[1])} cannot be ${invalid[2]}; it must be ${invalid[3]}`
  // Only camelCase words and words followed by " =" are taken for names, so "C" or "seed" in prose stay as they are.
  return text.replace(/\b(?:[a-z]\w*[A-Z]\w*|\w+(?= =))\b/g, (word) => labels.get(word) ?? word)
}

/** "step 2 (convert)" → "step 2 (Convert a column type)", the name the Clean page gives that kind of step. */
function nameSteps(text: string): string {
  return text.replace(/\bstep (\d+) \(([a-z-]+)\)/g, (whole, n: string, kind: string) => {
    const label = STEP_KIND_LABELS[kind as CleaningStepKind]
    return label ? `step ${n} (${label})` : whole
  })
}

/** First word capitalised (when it is a plain lower-case word, not a column name like "x1"), a full stop at the end. */
function asSentence(text: string): string {
  let sentence = text.trim()
  if (sentence === '') return 'Something went wrong, and no reason was given.'
  if (/^[a-z]+\b/.test(sentence)) sentence = sentence[0].toUpperCase() + sentence.slice(1)
  if (!/[.!?…]$/.test(sentence)) sentence += '.'
  return sentence
}
