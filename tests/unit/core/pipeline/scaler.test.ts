import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Scaler, type ScaleMethod } from '../../../../src/core/pipeline/scaler'
import { num, table, values, viaJSON, type PipelineFixture } from './tables'

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/pipeline.json', import.meta.url), 'utf8')) as PipelineFixture

function fitted(method: ScaleMethod, train: (number | null)[]): Scaler {
  const step = new Scaler([{ name: 'x', method }])
  step.fit(table(num('x', train)))
  return step
}
const apply = (step: Scaler, cells: (number | null)[]): number[] => values(step.transform(table(num('x', cells))), 'x')

describe('standard scaling', () => {
  it('mean and population standard deviation of the training rows', () => {
    const step = fitted('standard', [2, 4, 4, 4, 5, 5, 7, 9, null])
    expect(step.paramsOf('x')).toEqual({ method: 'standard', center: 5, scale: 2 })
    expect(apply(step, [5, 9, 1, null, Infinity])).toEqual([0, 2, -2, NaN, NaN])
  })

  it('a constant column keeps scale 1 and maps to 0', () => {
    const step = fitted('standard', [0.1, 0.1, 0.1])
    expect(step.paramsOf('x')!.scale).toBe(1)
    apply(step, [0.1]).forEach((v) => expect(v).toBeCloseTo(0, 15))
    expect(step.describe()[0].detail).toMatch(/^x: constant \(0\.1\) in the training rows/)
  })
})

describe('min-max scaling', () => {
  it('maps the training range to [0, 1]; later values may fall outside', () => {
    const step = fitted('minmax', [6, 2, null, 10])
    expect(apply(step, [2, 6, 10, 14, -Infinity])).toEqual([0, 0.5, 1, 1.5, NaN])
    expect(step.describe()[0].detail).toBe('x: min-max scaled from [2, 10] to [0, 1] from 3 training rows with a value')
  })

  it('a constant column maps to 0', () => {
    expect(apply(fitted('minmax', [3, 3]), [3, 5])).toEqual([0, 2])
  })
})

describe('robust scaling', () => {
  it('median and IQR (numpy linear quantiles)', () => {
    // [1, 2, 3, 4, 100]: median 3, Q1 2, Q3 4
    const step = fitted('robust', [1, 2, 3, 4, 100])
    expect(step.paramsOf('x')).toEqual({ method: 'robust', center: 3, scale: 2 })
    expect(apply(step, [1, 2, 3, 4, 100])).toEqual([-1, -0.5, 0, 0.5, 48.5])
  })

  it('IQR 0 keeps scale 1', () => {
    // [1, 1, 1, 1, 5]: Q1 = Q3 = 1
    const step = fitted('robust', [1, 1, 1, 1, 5])
    expect(step.paramsOf('x')).toEqual({ method: 'robust', center: 1, scale: 1 })
    expect(apply(step, [5])).toEqual([4])
  })

  it('an all-missing column passes unchanged and says so', () => {
    const step = fitted('robust', [null, null])
    expect(apply(step, [7, null])).toEqual([7, NaN])
    expect(step.describe()[0].detail).toBe('x: no value in the 2 training rows; values pass unchanged')
  })
})

describe('against scikit-learn (columns with missing values)', () => {
  const X = fixture.scalers.X
  const t = table(...[0, 1, 2].map((j) => num(`c${j}`, X.map((row) => row[j]))))
  const run = (method: ScaleMethod): { step: Scaler; out: ReturnType<Scaler['transform']> } => {
    const step = new Scaler([0, 1, 2].map((j) => ({ name: `c${j}`, method })))
    step.fit(t)
    return { step, out: step.transform(t) }
  }
  const compare = (out: ReturnType<Scaler['transform']>, expected: (number | null)[][], digits: number): void => {
    for (let j = 0; j < 3; j++) {
      values(out, `c${j}`).forEach((v, i) => {
        const e = expected[i][j]
        if (e === null) expect(v).toBeNaN()
        else expect(v).toBeCloseTo(e, digits)
      })
    }
  }

  it('StandardScaler', () => {
    const { step, out } = run('standard')
    fixture.scalers.standard.mean.forEach((m, j) => expect(step.paramsOf(`c${j}`)!.center).toBeCloseTo(m, 12))
    fixture.scalers.standard.scale.forEach((s, j) => expect(step.paramsOf(`c${j}`)!.scale).toBeCloseTo(s, 12))
    compare(out, fixture.scalers.standard.transformed, 12)
  })

  it('MinMaxScaler', () => {
    const { step, out } = run('minmax')
    fixture.scalers.minmax.min.forEach((m, j) => expect(step.paramsOf(`c${j}`)!.center).toBe(m))
    fixture.scalers.minmax.max.forEach((m, j) => expect(step.paramsOf(`c${j}`)!.center + step.paramsOf(`c${j}`)!.scale).toBeCloseTo(m, 12))
    compare(out, fixture.scalers.minmax.transformed, 12)
  })

  it('RobustScaler, bit for bit', () => {
    const { step, out } = run('robust')
    expect([0, 1, 2].map((j) => step.paramsOf(`c${j}`)!.center)).toEqual(fixture.scalers.robust.center)
    expect([0, 1, 2].map((j) => step.paramsOf(`c${j}`)!.scale)).toEqual(fixture.scalers.robust.scale)
    for (let j = 0; j < 3; j++) expect(values(out, `c${j}`)).toEqual(fixture.scalers.robust.transformed.map((row) => row[j] ?? NaN))
  })
})

describe('scaler JSON', () => {
  it('round-trips bit for bit', () => {
    for (const method of ['standard', 'minmax', 'robust'] as const) {
      const step = fitted(method, [0.1, 0.7, 0.30000000000000004, 1e-9, null])
      const probe = [0.2, 1 / 3, Math.PI, null]
      expect(apply(Scaler.fromJSON(viaJSON(step.toJSON())), probe)).toEqual(apply(step, probe))
    }
  })

  it('reads the standardize step of the first bundle version', () => {
    const step = Scaler.fromLegacyJSON({ kind: 'standardize', columns: ['x'], stats: { x: { mean: 10, scale: 4 } } })
    expect(apply(step, [18, null])).toEqual([2, NaN])
  })
})
