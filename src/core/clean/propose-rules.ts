import type { ValidationRule } from './types'
import { numberText } from './values'

/**
 * Plausible ranges from clinical knowledge, matched on the column name.
 * Bounds are deliberately wide: they catch impossible values (EDSS 12, age
 * 210, a negative lesion count, a brain volume of 0), not unusual patients.
 * The first matching entry wins, so "lesion_count" is a count and
 * "lesion_volume_ml" a lesion volume (which can be 0), not a brain volume.
 */
interface DomainRange {
  matches: (name: Name) => boolean
  min: number | null
  max: number | null
  minExclusive?: boolean
  why: string
}

/** A column name as lower-case text and as words (split on punctuation and camelCase). */
interface Name {
  text: string
  words: string[]
}

/** Words naming a count ("lesion_count", "num_relapses", "NumberOfFalls"). */
const COUNT_WORDS = ['count', 'counts', 'number', 'num', 'n']

const DOMAIN: DomainRange[] = [
  { matches: (n) => n.text.includes('edss'), min: 0, max: 10, why: 'the EDSS disability scale runs from 0 to 10' },
  { matches: (n) => n.text.includes('moca'), min: 0, max: 30, why: 'the MoCA cognitive score runs from 0 to 30' },
  { matches: (n) => n.text.includes('mmse'), min: 0, max: 30, why: 'the MMSE runs from 0 to 30' },
  { matches: (n) => n.text.includes('updrs'), min: 0, max: 199, why: 'the MDS-UPDRS total runs from 0 to 199' },
  { matches: (n) => n.text.includes('bmi') || n.text.includes('body_mass'), min: 10, max: 80, why: 'a BMI outside 10–80 is an entry or unit error' },
  { matches: (n) => n.text.includes('systolic') || n.words.includes('sbp'), min: 50, max: 260, why: 'systolic blood pressure outside 50–260 mmHg is an entry error' },
  { matches: (n) => n.text.includes('diastolic') || n.words.includes('dbp'), min: 30, max: 160, why: 'diastolic blood pressure outside 30–160 mmHg is an entry error' },
  { matches: (n) => n.words.includes('age'), min: 0, max: 120, why: 'an age outside 0–120 years is an entry error' },
  { matches: (n) => n.words.some((w) => COUNT_WORDS.includes(w)) || /(count|number)s?$/.test(n.text), min: 0, max: null, why: 'a count cannot be negative' },
  { matches: (n) => n.text.includes('volume') && n.text.includes('lesion'), min: 0, max: null, why: 'a lesion volume cannot be negative' },
  { matches: (n) => n.text.includes('volume') || n.words.includes('vol'), min: 0, max: null, minExclusive: true, why: 'a brain or organ volume must be above 0' },
  { matches: (n) => n.text.includes('weight') || n.words.includes('kg'), min: 0, max: null, minExclusive: true, why: 'a weight must be above 0' },
]

/** Words that mean a value may well be negative: no "negative values are errors" guess for these. */
const SIGNED_WORDS = ['change', 'delta', 'diff', 'difference', 'z', 'zscore', 'residual', 'log', 'slope', 'trend', 'balance', 'score']

/** Above this share of violations a range is not proposed: the column probably uses another unit or scale. */
const MAX_VIOLATION_SHARE = 0.05

export interface RuleProposal {
  rule: Omit<Extract<ValidationRule, { kind: 'range' }>, 'id'>
  violations: number
}

/**
 * A range rule for a numeric column, from its name (DOMAIN above) or from its
 * values, or null. Data-driven guesses: an age column where at least 99% of
 * ages are 18 or over is an adult cohort and gets a minimum of 18 (catching
 * "age 4" in an MS registry); a column with no known meaning where at most 1%
 * of values are negative gets a minimum of 0 with action set-missing (keep the
 * row, lose the doubtful cell; skipped when `guessFromData` is false, as for
 * identifiers). Domain rules remove the row: an impossible value makes the
 * whole record suspect.
 */
export function proposeRange(columnName: string, values: Float64Array, guessFromData = true): RuleProposal | null {
  const name = splitName(columnName)
  const present = values.filter((v) => !Number.isNaN(v))
  if (present.length === 0) return null
  const domain = DOMAIN.find((d) => d.matches(name))
  if (domain) {
    let { min, why } = domain
    if (name.words.includes('age')) {
      const minors = present.filter((v) => v < 18).length
      if (present.length >= 50 && minors > 0 && minors <= 0.01 * present.length) {
        min = 18
        why = `adult cohort: ${present.length - minors} of ${present.length} ages are 18 or over, so younger ages look like entry errors; above 120 is impossible`
      }
    }
    const rule = { column: columnName, kind: 'range' as const, min, max: domain.max, ...(domain.minExclusive ? { minExclusive: true } : {}), action: 'drop-row' as const }
    const violations = countOutside(present, rule.min, rule.max, domain.minExclusive === true)
    if (violations > MAX_VIOLATION_SHARE * present.length) return null
    return { rule: { ...rule, reason: `${why}; ${describeCount(violations, present.length)}` }, violations }
  }
  if (!guessFromData || name.words.some((w) => SIGNED_WORDS.includes(w))) return null
  const negatives = present.filter((v) => v < 0).length
  if (present.length >= 50 && negatives > 0 && negatives <= 0.01 * present.length) {
    const examples = [...new Set(present.filter((v) => v < 0))].slice(0, 3).map(numberText).join(', ')
    return {
      rule: {
        column: columnName, kind: 'range', min: 0, max: null, action: 'set-missing',
        reason: `only ${negatives} of ${present.length} values are negative (${examples}); in an otherwise non-negative column they look like sign or entry errors, so those cells become missing`,
      },
      violations: negatives,
    }
  }
  return null
}

function countOutside(present: Float64Array, min: number | null, max: number | null, minExclusive: boolean): number {
  let n = 0
  for (const v of present) if ((min !== null && (minExclusive ? v <= min : v < min)) || (max !== null && v > max)) n++
  return n
}

function describeCount(violations: number, present: number): string {
  return violations === 0 ? 'no value is outside now' : `${violations} of ${present} values are outside now`
}

/** "WholeBrainVolume_ml" → words ["whole", "brain", "volume", "ml"]. */
export function splitName(name: string): Name {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  return { text: name.toLowerCase(), words }
}
