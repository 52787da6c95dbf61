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

  it('says a target with no value at all is empty, guesses no task and refuses every task for that reason', () => {
    const empty = buildColumn('y', ['', '', ''])
    expect(() => inferTask(empty)).toThrow('target: "y" is empty: none of its 3 rows has a value, so there is nothing to learn from; choose another column, or fill in "y" in the file and open it again')
    expect(() => inferTask(empty)).toThrow(expect.objectContaining({ code: 'target-empty' }))
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      // Not "a single value" (regression) or "holds text" (an empty text column): the reason is that it is empty.
      expect(() => encodeTarget(empty, task)).toThrow(expect.objectContaining({ code: 'target-empty' }))
      expect(() => encodeTarget({ name: 'y', type: 'category', codes: Int32Array.of(-1, -1), levels: [] }, task)).toThrow(expect.objectContaining({ code: 'target-empty' }))
    }
  })

  it('infers no task for a single value, naming it', () => {
    expect(() => inferTask(buildColumn('y', ['4', '', '4']))).toThrow(expect.objectContaining({ code: 'target-constant', message: expect.stringContaining('the same value ("4") in every row') }))
    expect(() => encodeTarget(buildColumn('y', ['4', '', '4']), 'regression')).toThrow('target: "y" has a single value ("4"); there is nothing to predict')
  })

  it('refuses text for regression and three classes for binary', () => {
    expect(() => encodeTarget(buildColumn('t', ['a', 'b']), 'regression')).toThrow(/holds text/)
    expect(() => encodeTarget(buildColumn('t', ['a', 'b', 'c']), 'binary')).toThrow(/has 3 classes .* choose multiclass/)
  })
})
