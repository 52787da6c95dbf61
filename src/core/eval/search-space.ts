import { StudioError } from '../errors'
import { createRandom } from '../random'
import { exp, log } from '../numeric/portable-math'

/** How one parameter varies in a search. */
export type ParamRange =
  | { type: 'choice'; values: unknown[] }
  | { type: 'int'; min: number; max: number; log?: boolean; steps?: number }
  | { type: 'float'; min: number; max: number; log?: boolean; steps?: number }

export type SearchSpace = Record<string, ParamRange>

export type Candidate = Record<string, unknown>

/** Checks a space and names the first bad range ("search: C has min 10 above max 1"). */
export function validateSpace(space: SearchSpace): void {
  const names = Object.keys(space)
  if (names.length === 0) throw new StudioError('search-space', 'search: the search space is empty; give at least one parameter to vary')
  for (const name of names) {
    const r = space[name]
    if (r.type === 'choice') {
      if (!Array.isArray(r.values) || r.values.length === 0) throw new StudioError('search-space', `search: ${name} has no values to choose from`)
      continue
    }
    if (r.type !== 'int' && r.type !== 'float') throw new StudioError('search-space', `search: ${name} has range type ${JSON.stringify((r as { type: unknown }).type)}; expected choice, int or float`)
    if (!Number.isFinite(r.min) || !Number.isFinite(r.max)) throw new StudioError('search-space', `search: ${name} needs finite min and max`)
    if (r.min > r.max) throw new StudioError('search-space', `search: ${name} has min ${r.min} above max ${r.max}`)
    if (r.log && r.min <= 0) throw new StudioError('search-space', `search: ${name} is log-scaled, so min must be above 0 (got ${r.min})`)
  }
}

/** The values a range takes in a grid: its choices, or `steps` (default 3) points from min to max (log-spaced when log). */
export function gridValues(range: ParamRange): unknown[] {
  if (range.type === 'choice') return range.values
  const steps = Math.max(1, Math.trunc(range.steps ?? 3))
  const values: number[] = []
  for (let s = 0; s < steps; s++) {
    const t = steps === 1 ? 0 : s / (steps - 1)
    const v = range.log ? exp(log(range.min) + t * (log(range.max) - log(range.min))) : range.min + t * (range.max - range.min)
    values.push(range.type === 'int' ? Math.round(v) : v)
  }
  return [...new Set(values)]
}

/** Every combination of the grid, in a fixed order (the last parameter varies fastest). */
export function gridCandidates(space: SearchSpace): Candidate[] {
  validateSpace(space)
  let out: Candidate[] = [{}]
  for (const [name, range] of Object.entries(space)) {
    const values = gridValues(range)
    out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })))
  }
  return out
}

/** `trials` seeded draws: uniform, or log-uniform where the range says log; integers rounded. */
export function randomCandidates(space: SearchSpace, trials: number, seed: number): Candidate[] {
  validateSpace(space)
  if (!Number.isInteger(trials) || trials < 1 || trials > 10000) throw new StudioError('bad-param', `search: trials = ${trials} is invalid; expected an integer in [1, 10000]`)
  const random = createRandom(seed)
  return Array.from({ length: trials }, () => {
    const c: Candidate = {}
    for (const [name, r] of Object.entries(space)) {
      if (r.type === 'choice') c[name] = r.values[random.int(r.values.length)]
      else {
        const u = random.next()
        const v = r.log ? exp(log(r.min) + u * (log(r.max) - log(r.min))) : r.min + u * (r.max - r.min)
        c[name] = r.type === 'int' ? Math.min(Math.floor(r.max), Math.max(Math.ceil(r.min), Math.round(v))) : v
      }
    }
    return c
  })
}

/**
 * Keeps the candidates the model family accepts (its constructor validates
 * parameters). A space with no valid combination is an error naming why the
 * first one failed.
 */
export function keepValid(candidates: Candidate[], check: (c: Candidate) => void): Candidate[] {
  const valid: Candidate[] = []
  let firstError: string | null = null
  for (const c of candidates) {
    try {
      check(c)
      valid.push(c)
    } catch (error) {
      firstError ??= (error as Error).message
    }
  }
  if (valid.length === 0) throw new StudioError('search-space', `search: no combination in the search space is valid for this model (${firstError ?? 'no candidates'})`)
  return valid
}
