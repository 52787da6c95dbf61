/**
 * The estimator conformance suite (scikit-learn's check_estimator, for the
 * studio's Model contract in src/core/model/estimator.ts). It runs over every
 * family registered in FAMILIES, for every task the family declares, so a new
 * family is checked as soon as registry.ts lists it — nothing here names one,
 * except the speed-ups in FAST_PARAMS.
 *
 * Data are small seeded synthetic sets (binary, 3-class, regression; 4
 * features) so the whole suite stays well under 30 s with tree ensembles and
 * the neural net.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { argmaxRows, type FitOptions, type FitReport, type Model } from '../../src/core/model/estimator'
import type { FamilyInfo, ParamSpec } from '../../src/core/model/family'
import { FAMILIES, modelFromJSON } from '../../src/core/model/registry'
import { createRandom } from '../../src/core/random'
import type { Matrix, Task } from '../../src/core/types'

/**
 * Per-family overrides where the defaults would make the suite slow. Only
 * size/length knobs, never behaviour; an override whose name the family does
 * not have is skipped (see fastParams), so renaming a parameter cannot break
 * the suite — it only makes that family slower here.
 */
const FAST_PARAMS: Record<string, Record<string, unknown>> = {
  forest: { nTrees: 10 },
  gbdt: { nRounds: 10 },
  mlp: { epochs: 5 },
}

const ROWS = 80
const COLS = 4
const TASKS: Task[] = ['binary', 'multiclass', 'regression']
const CLASSES: Record<Task, number> = { binary: 2, multiclass: 3, regression: 0 }

interface Dataset {
  X: Matrix
  y: Float64Array
  task: Task
}

/** Seeded synthetic data: 4 standard-normal features, a target driven by the first three plus noise. */
function makeDataset(task: Task, seed = 20261124): Dataset {
  const random = createRandom(seed)
  const data = Float64Array.from({ length: ROWS * COLS }, () => random.normal())
  const y = new Float64Array(ROWS)
  for (let i = 0; i < ROWS; i++) {
    const [a, b, c] = [data[i * COLS], data[i * COLS + 1], data[i * COLS + 2]]
    const noise = 0.5 * random.normal()
    if (task === 'regression') y[i] = 2 * a - b + 0.5 * c + noise
    else if (task === 'binary') y[i] = a - 0.8 * b + noise > 0 ? 1 : 0
    else {
      const scores = [a + noise, b, -a - b + 0.5 * c]
      y[i] = scores.indexOf(Math.max(...scores))
    }
  }
  return { X: { rows: ROWS, cols: COLS, data }, y, task }
}

function fastParams(family: FamilyInfo): Record<string, unknown> {
  const overrides = FAST_PARAMS[family.id] ?? {}
  return Object.fromEntries(Object.entries(overrides).filter(([name]) => name in family.defaults))
}

function fitOptions(task: Task, extra: FitOptions = {}): FitOptions {
  return { task, classCount: task === 'regression' ? undefined : CLASSES[task], ...extra }
}

/** Fits a fresh model; `fit` may return a Promise (neural net), so always awaited. */
async function fitted(family: FamilyInfo, data: Dataset, extra: FitOptions = {}): Promise<{ model: Model; report: FitReport }> {
  const model = family.create(fastParams(family))
  const report = await model.fit(data.X, data.y, fitOptions(data.task, extra))
  return { model, report }
}

/** What a model says about X: probabilities for classifiers, values for regressors. */
function outputs(model: Model, X: Matrix): Float64Array {
  return model.isClassifier ? model.predictProba(X) : model.predict(X)
}

function takeRows(X: Matrix, rows: number[]): Matrix {
  const data = new Float64Array(rows.length * X.cols)
  rows.forEach((r, i) => data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols))
  return { rows: rows.length, cols: X.cols, data }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Values a ParamSpec says are invalid, clearly outside the range
 * (min − max(1, |min|), max + max(1, |max|); integers ±1). The exact bounds,
 * open or closed, are held to the spec in tests/unit/core/model/param-specs.test.ts.
 */
function invalidValues(spec: ParamSpec): { what: string; value: unknown }[] {
  const out: { what: string; value: unknown }[] = []
  if (spec.type === 'number' || spec.type === 'integer') {
    const integer = spec.type === 'integer'
    if (spec.min !== undefined) out.push({ what: 'below min', value: integer ? spec.min - 1 : spec.min - Math.max(1, Math.abs(spec.min)) })
    if (spec.max !== undefined) out.push({ what: 'above max', value: integer ? spec.max + 1 : spec.max + Math.max(1, Math.abs(spec.max)) })
    out.push({ what: 'not a number', value: NaN })
    if (integer) {
      const fractional = (spec.min ?? 0) + 0.5
      if (spec.max === undefined || fractional <= spec.max) out.push({ what: 'not an integer', value: fractional })
    }
  } else if (spec.type === 'choice') {
    out.push({ what: 'unknown choice', value: '__not_a_choice__' })
  } else if (spec.type === 'boolean') {
    out.push({ what: 'not a boolean', value: 'yes' })
  }
  return out
}

const families = Object.values(FAMILIES)

it('the registry lists at least the linear families', () => {
  expect(families.map((f) => f.id)).toEqual(expect.arrayContaining(['logistic', 'linreg']))
})

for (const family of families) {
  describe(`${family.id} (${family.label})`, () => {
    describe('parameters', () => {
      it('the defaults are valid and every offered parameter is one the family knows', () => {
        expect(() => family.create({ ...family.defaults })).not.toThrow()
        expect(() => family.create({})).not.toThrow()
        for (const spec of family.params) expect(Object.keys(family.defaults)).toContain(spec.name)
      })

      it('rejects an unknown parameter name, naming it', () => {
        expect(() => family.create({ notAParameter: 1 })).toThrow(/notAParameter/)
      })

      const cases = family.params.flatMap((spec) => invalidValues(spec).map((bad) => [spec.name, bad.what, bad.value, spec] as const))
      it.each(cases)('rejects %s %s (%s), naming the parameter', (name, _what, value) => {
        expect(() => family.create({ [name]: value })).toThrow(new RegExp(`\\b${escapeRegExp(name)}\\b`))
      })
    })

    it('an unfitted model refuses predict, predictProba, featureImportance and toJSON with "not fitted"', () => {
      const model = family.create(fastParams(family))
      const X = makeDataset('binary').X
      expect(() => model.predict(X)).toThrow(/not fitted/i)
      expect(() => model.predictProba(X)).toThrow(/not fitted/i)
      expect(() => model.featureImportance()).toThrow(/not fitted/i)
      expect(() => model.toJSON()).toThrow(/not fitted/i)
    })

    for (const task of TASKS.filter((t) => !family.tasks.includes(t))) {
      it(`refuses to fit for ${task}, a task it does not declare`, async () => {
        const data = makeDataset(task)
        await expect((async () => family.create(fastParams(family)).fit(data.X, data.y, fitOptions(task)))()).rejects.toThrow()
      })
    }

    for (const task of family.tasks) {
      describe(task, () => {
        const data = makeDataset(task)
        const classes = CLASSES[task]
        let model: Model
        let report: FitReport

        beforeAll(async () => {
          ;({ model, report } = await fitted(family, data))
        })

        it('reports its fit: whole iterations and a converged flag', () => {
          expect(Number.isInteger(report.iterations) && report.iterations >= 0).toBe(true)
          expect(typeof report.converged).toBe('boolean')
          expect(typeof report.finalLoss).toBe('number')
        })

        it('same data and parameters (same seed) give identical predictions', async () => {
          const again = await fitted(family, data)
          expect(outputs(again.model, data.X)).toEqual(outputs(model, data.X))
          expect(again.model.predict(data.X)).toEqual(model.predict(data.X))
        })

        it('predictions on a subset of rows equal that subset of the predictions', () => {
          const rows = [17, 3, 42, 5, 79, 0, 60]
          const all = outputs(model, data.X)
          const width = all.length / data.X.rows
          const part = outputs(model, takeRows(data.X, rows))
          expect(part).toEqual(Float64Array.from(rows.flatMap((r) => Array.from(all.subarray(r * width, (r + 1) * width)))))
        })

        it('toJSON → JSON text → fromJSON predicts identically', () => {
          const json = JSON.parse(JSON.stringify(model.toJSON()))
          expect(json.family).toBe(family.id)
          const restored = family.fromJSON(json)
          expect(outputs(restored, data.X)).toEqual(outputs(model, data.X))
          expect(restored.predict(data.X)).toEqual(model.predict(data.X))
          expect(outputs(modelFromJSON(json), data.X)).toEqual(outputs(model, data.X))
        })

        it('featureImportance has one finite, non-negative entry per feature', () => {
          const importance = model.featureImportance()
          expect(importance).toHaveLength(COLS)
          for (const v of importance) expect(Number.isFinite(v) && v >= 0).toBe(true)
        })

        if (task === 'regression') {
          it('is a regressor: finite predictions, and predictProba throws', () => {
            expect(model.isClassifier).toBe(false)
            const predicted = model.predict(data.X)
            expect(predicted).toHaveLength(ROWS)
            for (const v of predicted) expect(Number.isFinite(v)).toBe(true)
            expect(() => model.predictProba(data.X)).toThrow()
          })
        } else {
          it('is a classifier: probabilities in [0, 1], rows summing to 1, predict = the most probable class', () => {
            expect(model.isClassifier).toBe(true)
            const proba = model.predictProba(data.X)
            expect(proba).toHaveLength(ROWS * classes)
            for (let i = 0; i < ROWS; i++) {
              let sum = 0
              for (let c = 0; c < classes; c++) {
                const q = proba[i * classes + c]
                expect(q >= 0 && q <= 1).toBe(true)
                sum += q
              }
              expect(Math.abs(sum - 1)).toBeLessThan(1e-9)
            }
            expect(model.predict(data.X)).toEqual(Float64Array.from(argmaxRows(proba, classes)))
          })
        }

        it(family.handlesMissing ? 'handles NaN inputs: fits and predicts finite values for rows with NaN' : 'refuses NaN inputs at fit, asking for imputation', async () => {
          const holes = Float64Array.from(data.X.data)
          for (let i = 0; i < ROWS; i += 7) holes[i * COLS + (i % COLS)] = NaN
          const withHoles: Dataset = { ...data, X: { ...data.X, data: holes } }
          if (!family.handlesMissing) {
            await expect((async () => fitted(family, withHoles))()).rejects.toThrow(/missing|imput/i)
            return
          }
          const { model: m } = await fitted(family, withHoles)
          const rowsWithNaN = Array.from({ length: Math.ceil(ROWS / 7) }, (_, k) => k * 7)
          for (const v of outputs(m, takeRows(withHoles.X, rowsWithNaN))) expect(Number.isFinite(v)).toBe(true)
          for (const v of outputs(model, takeRows(withHoles.X, rowsWithNaN))) expect(Number.isFinite(v)).toBe(true)
        })

        it('sampleWeight all 2 gives the same model as no weights (where weights are supported)', async (context) => {
          let weighted: Model
          try {
            ;({ model: weighted } = await fitted(family, data, { sampleWeight: new Float64Array(ROWS).fill(2) }))
          } catch (error) {
            // A family without weight support must say so by name, not fail some other way.
            expect(String(error)).toMatch(/weight/i)
            context.skip()
            return
          }
          const a = outputs(weighted, data.X)
          const b = outputs(model, data.X)
          for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9)
        })
      })
    }
  })
}
