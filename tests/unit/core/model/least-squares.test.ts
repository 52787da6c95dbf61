import { describe, expect, it } from 'vitest'
import { choleskySolve, minNormLeastSquares } from '../../../../src/core/model/least-squares'
import { maxAbsDiff } from './linear-fixtures'

describe('Cholesky solve', () => {
  it('solves a positive-definite system', () => {
    // A = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]], x = [1, -2, 0.5] → b = A·x.
    const A = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3])
    const b = Float64Array.from([4 - 4 + 0.2, 2 - 10 + 0.5, 0.4 - 2 + 1.5])
    expect(maxAbsDiff(choleskySolve(A, b, 3, 1e-8)!, [1, -2, 0.5])).toBeLessThan(1e-14)
  })

  it('returns null for a singular or nearly collinear matrix instead of dividing by ~0', () => {
    expect(choleskySolve(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 1]), 2, 1e-8)).toBeNull()
    expect(choleskySolve(Float64Array.from([1, 1, 1, 1 + 1e-10]), Float64Array.from([1, 1]), 2, 1e-8)).toBeNull()
    expect(choleskySolve(Float64Array.from([0, 0, 0, 1]), Float64Array.from([0, 1]), 2, 1e-8)).toBeNull()
  })
})

describe('minimum-norm least squares', () => {
  it('matches the exact solution of a full-rank problem', () => {
    // Rows of A and b = A·[2, -1] + residual orthogonal to A's columns.
    const A = Float64Array.from([1, 0, 0, 1, 1, 1, 1, -1])
    const b = Float64Array.from([2, -1, 1, 3])
    const { x, rank } = minNormLeastSquares(A, b, 4, 2)
    expect(rank).toBe(2)
    expect(maxAbsDiff(x, [2, -1])).toBeLessThan(1e-14)
  })

  it('splits the coefficient of a duplicated column equally (the minimum-norm answer)', () => {
    const A = Float64Array.from([1, 1, 2, 2, 3, 3])
    const b = Float64Array.from([2, 4, 6])
    const { x, rank, singularValues } = minNormLeastSquares(A, b, 3, 2)
    expect(rank).toBe(1)
    expect(maxAbsDiff(x, [1, 1])).toBeLessThan(1e-14)
    expect(Math.min(...singularValues)).toBeLessThan(1e-14)
  })

  it('gives zero to an all-zero column', () => {
    const { x, rank } = minNormLeastSquares(Float64Array.from([1, 0, 2, 0, 3, 0]), Float64Array.from([1, 2, 3]), 3, 2)
    expect(rank).toBe(1)
    expect(maxAbsDiff(x, [1, 0])).toBeLessThan(1e-14)
  })

  it('asks for padding when there are fewer rows than unknowns', () => {
    expect(() => minNormLeastSquares(new Float64Array(2), new Float64Array(1), 1, 2)).toThrow(/1 rows for 2 unknowns/)
  })
})
