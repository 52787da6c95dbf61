import type { FamilyInfo } from '../model/family'
import type { ParamSpec } from '../model/param-spec'
import type { ParamRange, SearchSpace } from './search-space'

/**
 * The range a search tries for one parameter, from its spec (model/param-specs/):
 * the spec's own `search` range where it gives one (every parameter with an
 * open bound or a null "off" value does, so a draw can never hit an invalid
 * value), else the whole valid range — on a log scale when it spans two
 * orders of magnitude or more — or every choice.
 */
export function rangeForParam(spec: ParamSpec): ParamRange | null {
  if (spec.search) return spec.search
  if (spec.type === 'choice') return spec.choices && spec.choices.length > 1 ? { type: 'choice', values: spec.choices.map((c) => c.value) } : null
  if (spec.type === 'boolean') return { type: 'choice', values: [false, true] }
  if (spec.min === undefined || spec.max === undefined) return null
  const log = spec.min > 0 && spec.max / spec.min >= 100
  return { type: spec.type === 'integer' ? 'int' : 'float', min: spec.min, max: spec.max, log }
}

/** The default search space of a family: its `defaultSearch` parameters, in that order, each with its spec's search range. */
export function defaultSearchSpace(family: FamilyInfo): SearchSpace {
  const entries = family.defaultSearch.flatMap((name) => {
    const spec = family.params.find((p) => p.name === name)
    const range = spec && rangeForParam(spec)
    return range ? [[name, range] as const] : []
  })
  return Object.fromEntries(entries)
}
