import { describe, expect, it } from 'vitest'
import { classAtThreshold } from '../../../../src/core/predict/decision'

describe('classAtThreshold', () => {
  const binary = { labels: ['no', 'yes'], threshold: 0.3 }

  it('binary: the positive class (second label) from the threshold up, inclusive', () => {
    expect(classAtThreshold({ no: 0.71, yes: 0.29 }, binary)).toBe('no')
    expect(classAtThreshold({ no: 0.7, yes: 0.3 }, binary)).toBe('yes')
    expect(classAtThreshold({ no: 0.4, yes: 0.6 }, { ...binary, threshold: 0.61 })).toBe('no')
    expect(classAtThreshold({ no: 0, yes: 1 }, { ...binary, threshold: 1 })).toBe('yes')
  })

  it('binary without a threshold, and multiclass: the most probable class, the earlier label on a tie', () => {
    expect(classAtThreshold({ no: 0.4, yes: 0.6 }, { labels: ['no', 'yes'], threshold: null })).toBe('yes')
    expect(classAtThreshold({ a: 0.2, b: 0.5, c: 0.3 }, { labels: ['a', 'b', 'c'], threshold: 0.1 })).toBe('b')
    expect(classAtThreshold({ a: 0.4, b: 0.4, c: 0.2 }, { labels: ['a', 'b', 'c'], threshold: null })).toBe('a')
  })

  it('a label missing from the probabilities counts as 0', () => {
    expect(classAtThreshold({ no: 1 }, binary)).toBe('no')
    expect(classAtThreshold({ c: 0.1 }, { labels: ['a', 'b', 'c'], threshold: null })).toBe('c')
  })
})
