import type { FamilyInfo, ParamSpec } from '../model/family'
import type { ParamRange, SearchSpace } from './search-space'

/**
 * Search ranges worth trying per family: curated where we know which
 * parameters matter, otherwise derived from the family's parameter specs
 * (numbers spanning two orders of magnitude or more are searched on a log scale).
 */
const CURATED: Record<string, SearchSpace> = {
  logistic: { C: { type: 'float', min: 0.001, max: 100, log: true } },
  linreg: { alpha: { type: 'float', min: 0.001, max: 100, log: true } },
  tree: { maxDepth: { type: 'int', min: 2, max: 12 }, minSamplesLeaf: { type: 'int', min: 1, max: 50, log: true } },
  forest: { maxDepth: { type: 'int', min: 4, max: 20 }, minSamplesLeaf: { type: 'int', min: 1, max: 20, log: true } },
  gbdt: { learningRate: { type: 'float', min: 0.02, max: 0.3, log: true }, maxDepth: { type: 'int', min: 2, max: 8 }, lambda: { type: 'float', min: 0.01, max: 10, log: true } },
  mlp: { learningRate: { type: 'float', min: 0.0003, max: 0.03, log: true }, dropout: { type: 'float', min: 0, max: 0.5 }, l2: { type: 'float', min: 0.00001, max: 0.01, log: true } },
}

function rangeFromSpec(spec: ParamSpec): ParamRange | null {
  if (spec.type === 'choice') return spec.choices && spec.choices.length > 1 ? { type: 'choice', values: spec.choices.map((c) => c.value) } : null
  if (spec.type === 'boolean') return { type: 'choice', values: [false, true] }
  if (spec.min === undefined || spec.max === undefined) return null
  const log = spec.min > 0 && spec.max / spec.min >= 100
  return { type: spec.type === 'integer' ? 'int' : 'float', min: spec.min, max: spec.max, log }
}

/** The default search space of a family: curated parameters it really has, else the first two numeric specs. */
export function defaultSearchSpace(family: FamilyInfo): SearchSpace {
  const known = new Set(family.params.map((p) => p.name))
  const curated = Object.entries(CURATED[family.id] ?? {}).filter(([name]) => known.has(name))
  if (curated.length > 0) return Object.fromEntries(curated)
  const derived = family.params
    .filter((p) => p.type === 'number' || p.type === 'integer')
    .slice(0, 2)
    .map((p) => [p.name, rangeFromSpec(p)] as const)
    .filter((entry): entry is readonly [string, ParamRange] => entry[1] !== null)
  return Object.fromEntries(derived)
}

/** Any parameter's full range from its spec, for adding it to a space in the page. */
export function rangeForParam(spec: ParamSpec): ParamRange | null {
  return rangeFromSpec(spec)
}
