import { describe, expect, it } from 'vitest'
import { buildColumn } from '../../../../src/core/table/column-builder'
import { encodeTarget, inferTask } from '../../../../src/core/train/target'

describe('target', () => {
  it('infers binary, multiclass and regression', () => {
    expect(inferTask(buildColumn('d', ['0', '1', '1', '']))).toBe('binary')
    expect(inferTask(buildColumn('r', ['yes', 'no', 'yes']))).toBe('binary')
    expect(inferTask(buildColumn('t', ['RRMS', 'SPMS', 'PPMS']))).toBe('multiclass')
    expect(inferTask(buildColumn('g', ['1', '2', '3', '2']))).toBe('multiclass')
    expect(inferTask(buildColumn('edss', ['1.5', '2', '3.5', '4', '6.5']))).toBe('regression')
  })

  it('orders labels like numpy.unique so the last of two is positive', () => {
    expect(encodeTarget(buildColumn('r', ['yes', 'no', '', 'yes']), 'binary')).toMatchObject({ labels: ['no', 'yes'] })
    const { y } = encodeTarget(buildColumn('r', ['yes', 'no', '', 'yes']), 'binary')
    expect(Array.from(y)).toEqual([1, 0, NaN, 1])
    expect(encodeTarget(buildColumn('n', ['10', '9', '10']), 'binary').labels).toEqual(['9', '10'])
  })

  it('refuses a single-class target, naming the class', () => {
    expect(() => encodeTarget(buildColumn('Diagnosis', ['1', '1', '']), 'binary')).toThrow('target: "Diagnosis" has only the class "1"; a classifier needs at least two classes')
  })

  it('refuses text for regression and three classes for binary', () => {
    expect(() => encodeTarget(buildColumn('t', ['a', 'b']), 'regression')).toThrow(/holds text/)
    expect(() => encodeTarget(buildColumn('t', ['a', 'b', 'c']), 'binary')).toThrow(/has 3 classes .* choose multiclass/)
  })
})
