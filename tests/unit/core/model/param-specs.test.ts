/**
 * One parameter spec per family (src/core/model/param-specs/) drives the
 * estimator's validation, the page's form and the search spaces. These tests
 * hold the three to the spec: the form offers exactly the range the estimator
 * accepts, bound by bound (open or closed), and every search range lies
 * inside it. Before the specs, the form and the estimator disagreed (e.g.
 * boosting's learning rate: 0.001–1 in the form, (0, 1] in the estimator;
 * dropout: up to 0.85 in the form, below 0.9 in the estimator), and these
 * tests failed.
 */
import { describe, expect, it } from 'vitest'
import { defaultSearchSpace, rangeForParam } from '../../../../src/core/eval/default-spaces'
import { gridValues } from '../../../../src/core/eval/search-space'
import type { FamilyInfo, ParamSpec } from '../../../../src/core/model/family'
import { FAMILIES } from '../../../../src/core/model/registry'

/**
 * Params with which one parameter can be judged alone: the neural net's early
 * stopping needs a validation share, and boosting needs maxDepth or maxLeaves.
 */
function baseFor(family: FamilyInfo): Record<string, unknown> {
  if (family.id === 'mlp') return { ...family.defaults, earlyStoppingPatience: 0 }
  if (family.id === 'gbdt') return { ...family.defaults, maxLeaves: 31 }
  return { ...family.defaults }
}

/** 'accepted', or 'rejected' when the estimator refuses the value naming this parameter. */
function verdict(family: FamilyInfo, name: string, value: unknown): 'accepted' | 'rejected' {
  try {
    family.create({ ...baseFor(family), [name]: value })
    return 'accepted'
  } catch (error) {
    const message = (error as Error).message
    if (!message.includes(`${name} = `)) throw error
    return 'rejected'
  }
}

/** A value just beyond `bound`, outward by `direction` (−1 below, +1 above). */
function beyond(spec: ParamSpec, bound: number, direction: -1 | 1): number {
  return bound + direction * (spec.type === 'integer' ? 1 : Math.max(1e-9, Math.abs(bound) * 1e-6))
}

const numeric = (family: FamilyInfo) => family.params.filter((p) => (p.type === 'number' || p.type === 'integer') && !p.customCheck)

describe.each(Object.values(FAMILIES).map((f) => [f.id, f] as const))('%s: the form offers exactly what the estimator accepts', (_id, family) => {
  it.each(numeric(family).map((p) => [p.name, p] as const))('%s', (name, spec) => {
    expect(spec.min, `${name} needs a lower bound`).toBeDefined()
    expect(spec.max, `${name} needs an upper bound`).toBeDefined()
    const min = spec.min!
    const max = spec.max!
    expect(verdict(family, name, min)).toBe(spec.minExclusive ? 'rejected' : 'accepted')
    expect(verdict(family, name, beyond(spec, min, -1))).toBe('rejected')
    expect(verdict(family, name, max)).toBe(spec.maxExclusive ? 'rejected' : 'accepted')
    expect(verdict(family, name, beyond(spec, max, 1))).toBe('rejected')
    if (spec.minExclusive) expect(verdict(family, name, beyond(spec, min, 1))).toBe('accepted')
    if (spec.maxExclusive) expect(verdict(family, name, beyond(spec, max, -1))).toBe('accepted')
    expect(verdict(family, name, null)).toBe(spec.nullable ? 'accepted' : 'rejected')
  })

  it('every choice offered is accepted, and values outside the choices are refused', () => {
    for (const spec of family.params.filter((p) => p.type === 'choice')) {
      for (const choice of spec.choices ?? []) expect(verdict(family, spec.name, choice.value), `${spec.name} = ${choice.value}`).toBe('accepted')
      expect(verdict(family, spec.name, '__not_a_choice__')).toBe('rejected')
    }
  })

  it('every search range lies inside the valid range (both ends, and every grid point)', () => {
    for (const spec of family.params) {
      const range = rangeForParam(spec)
      if (!range) continue
      const values = range.type === 'choice' ? range.values : [range.min, range.max, ...gridValues({ ...range, steps: 5 })]
      for (const value of values) expect(verdict(family, spec.name, value), `${spec.name} = ${String(value)}`).toBe('accepted')
    }
  })

  it('the default search space is the spec’s search ranges of the family’s default parameters', () => {
    const space = defaultSearchSpace(family)
    expect(Object.keys(space)).toEqual([...family.defaultSearch])
    for (const [name, range] of Object.entries(space)) expect(range).toEqual(rangeForParam(family.params.find((p) => p.name === name)!))
  })
})

describe('the decided ranges', () => {
  const spec = (family: string, name: string) => FAMILIES[family].params.find((p) => p.name === name)!
  it('are the estimators’ mathematical validity', () => {
    // Shrinkage, sampling shares and Adam's step must be positive; 1 is the whole step or every row.
    for (const [family, name] of [['gbdt', 'learningRate'], ['gbdt', 'subsample'], ['gbdt', 'colsampleByTree'], ['mlp', 'learningRate'], ['logistic', 'C'], ['logistic', 'tolerance']]) {
      expect(spec(family, name), `${family}.${name}`).toMatchObject({ min: 0, minExclusive: true })
    }
    expect(spec('gbdt', 'validationFraction')).toMatchObject({ min: 0, minExclusive: true, max: 0.5 })
    // Dropout of 0.9 or more leaves too few units to learn from.
    expect(spec('mlp', 'dropout')).toMatchObject({ min: 0, max: 0.9, maxExclusive: true })
  })
})
