/**
 * The bundle's row-level cleaning in the ONNX graph: steps with an exact ONNX
 * form run inside it on raw values (checked in onnxruntime-node against the
 * studio's Predictor on the same raw records), and steps without one make
 * the export refuse, naming each, unless the graph starts after cleaning.
 */
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import type { ModelBundleV2 } from '../../../../../src/core/bundle/bundle'
import type { RecordsInput } from '../../../../../src/core/bundle/predict-types'
import { Predictor } from '../../../../../src/core/bundle/predictor'
import { violation } from '../../../../../src/core/clean/step-validate'
import type { CleaningRecipe, ValidationRule } from '../../../../../src/core/clean/types'
import { errorCode } from '../../../../../src/core/errors'
import { float32AtOrAbove, float32AtOrBelow } from '../../../../../src/core/interop/onnx/cleaning'
import { bundleToOnnx } from '../../../../../src/core/interop/onnx/export'
import { buildColumn } from '../../../../../src/core/table/column-builder'
import type { TrainingRequest } from '../../../../../src/core/train/run-training'
import type { NumericColumn, Table } from '../../../../../src/core/types'
import { userMessage } from '../../../../../src/core/user-message'
import { MS_FEATURES, msSample, tableRecords, trainMs, trainVitals, vitalsSample } from '../../bundle/helpers'
import { conversionRecipe, graphCleaningRecipe } from './graph-cleaning'
import { float32Records, ONNX_TOLERANCE } from './helpers'

const ms = await msSample()
const graphRecipe = graphCleaningRecipe(ms.table)

/** Runs the exported graph on raw records (numbers float32, null → NaN; text as sent, null → ""). */
async function runRaw(bytes: Uint8Array, records: RecordsInput): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes)
  try {
    const feeds: Record<string, ort.Tensor> = {}
    const types = new Map((session.inputMetadata as unknown as { name: string; type: string }[]).map((m) => [m.name, m.type]))
    for (const name of session.inputNames) {
      const at = records.columns.indexOf(name)
      const cells = records.rows.map((row) => row[at])
      feeds[name] = types.get(name) === 'float32'
        ? new ort.Tensor('float32', Float32Array.from(cells, (v) => (v === null ? NaN : Number(v))), [cells.length, 1])
        : new ort.Tensor('string', cells.map((v) => (v === null ? '' : String(v))), [cells.length, 1])
    }
    return await session.run(feeds)
  } finally {
    await session.release()
  }
}

/** The MS rows as read, then raw values the cleaning changes: spellings, unknown texts, values at and beside every bound, numbers that become texts. */
function rawRecords(table: Table = ms.table): RecordsInput {
  const base = tableRecords(table, Array.from({ length: 300 }, (_, i) => i * 5))
  const col = (name: string): number => base.columns.indexOf(name)
  const below = (v: number): number => float32AtOrBelow(v) === v ? float32AtOrBelow(Math.fround(v) - 1e-7 * Math.abs(v || 1)) : float32AtOrBelow(v)
  const around = (v: number): number[] => [below(v), v, Math.fround(v), float32AtOrAbove(v), float32AtOrAbove(v) === v ? float32AtOrAbove(v + 1e-7 * Math.abs(v || 1)) : float32AtOrAbove(v)]
  const edits: [string, (number | string | null)[]][] = [
    ['gender', ['M', 'F', 'male', 'female', 'unknown', 'Female', 'Male', 'X', 'M ', null, 'Secondary']],
    ['ms_type', ['rrms', 'Relapsing-remitting', 'SPMS', 'PPMS', 'RRMS', 'CIS', 'Secondary', null, '\uFFFFunseen']],
    ['treatment', ['ocrelizumab', 'OCRELIZUMAB', 'Ocrelizumab', 'Untreated', 'aspirin', null]],
    ['edss', [...around(0), ...around(9.5), -1, 12, null, 3.5]],
    ['lesion_volume_ml', [...around(0.1), ...around(20.3), 5, null]],
    ['whole_brain_volume_ml', [...around(1000.3), ...around(1999.3), 1500, 2.5e38, null]],
    ['lesion_count', [0, 1, 40, 41, 2.1, Math.fround(2.1), -0, 17, 100, null, Infinity]],
    ['edss', [6, -0, 0, 0.5, 9.5, 12, -1, Math.fround(3.1), 1e-45, -Infinity, 6.5]],
    ['relapse', [0, 1, -0, 2, 0.5, null, Infinity, 1e-45]],
  ]
  const rows: unknown[][] = []
  edits.filter(([name]) => col(name) >= 0).forEach(([name, values], e) => values.forEach((value, k) => {
    const row = [...base.rows[(e * 13 + k) % base.rows.length]]
    row[col(name)] = value
    rows.push(row)
  }))
  return { columns: base.columns, rows: [...base.rows, ...rows] }
}

/** Exports the bundle with its cleaning in the graph, runs it on raw records, and compares with the studio's Predictor on the same records. */
async function compareRaw(bundle: ModelBundleV2, table: Table = ms.table): Promise<{ rows: number; maxDiff: number; inputs: string[] }> {
  const records = float32Records(rawRecords(table))
  const expected = Predictor.fromBundle(JSON.parse(JSON.stringify(bundle))).predictRecords(records)
  const exported = bundleToOnnx(bundle)
  expect(exported.cleaningInGraph).toBe(true)
  const out = await runRaw(exported.bytes, records)
  let maxDiff = 0
  if (bundle.task === 'regression') {
    const values = out.variable.data as Float32Array
    records.rows.forEach((_, r) => {
      const want = expected.rows[r]?.value as number
      maxDiff = Math.max(maxDiff, Math.abs(values[r] - want) / Math.max(1, Math.abs(want)))
    })
    return { rows: records.rows.length, maxDiff, inputs: exported.inputs.map((c) => c.type) }
  }
  const labels = bundle.target.labels
  const k = labels.length
  const proba = out.probabilities.data as Float32Array
  records.rows.forEach((_, r) => {
    const row = expected.rows[r]
    expect(row, `row ${r} is refused by the studio`).toBeTruthy()
    labels.forEach((l, c) => (maxDiff = Math.max(maxDiff, Math.abs(proba[r * k + c] - (row!.probabilities?.[l] as number)))))
    expect((out.label.data as string[])[r], `row ${r}`).toBe(row!.label)
  })
  return { rows: records.rows.length, maxDiff, inputs: exported.inputs.map((c) => c.type) }
}

const families: [string, Partial<TrainingRequest>][] = [
  ['logistic', { family: 'logistic' }],
  ['gbdt', { family: 'gbdt', params: { nRounds: 30, earlyStoppingRounds: null } }],
  ['forest', { family: 'forest', params: { nTrees: 15 } }],
  ['mlp', { family: 'mlp', params: { hiddenLayers: [6], epochs: 5, earlyStoppingPatience: 0 } }],
  ['forest regression (edss)', { family: 'forest', params: { nTrees: 10 }, target: 'edss', task: 'regression', features: MS_FEATURES.filter((f) => f !== 'edss') }],
]

describe('cleaning inside the graph: raw values give the studio\'s predictions (onnxruntime-node)', () => {
  it.each(families)('%s', async (_, patch) => {
    const { bundle } = await trainMs(ms.table, graphRecipe, patch)
    expect(bundle.cleaning.steps.map((s) => s.kind)).toEqual(['standardize-text', 'standardize-text', 'validate', 'standardize-text'])
    const { rows, maxDiff } = await compareRaw(bundle)
    expect(rows).toBeGreaterThan(350)
    expect(maxDiff).toBeLessThan(ONNX_TOLERANCE)
  })

  it.each(families.slice(0, 4))('conversions from numbers (to categories, to yes/no) and conversions that change nothing: %s', async (_, patch) => {
    // A 0/1 column, mostly 1 (so missing is imputed as "yes" and cannot pass for "no"), with 2 and missing now and then, for the yes/no conversion.
    const lesions = (ms.table.columns.find((c) => c.name === 'lesion_count') as NumericColumn).values
    const relapse = buildColumn('relapse', Array.from(lesions, (v, i) => (i % 97 === 0 ? null : i % 89 === 0 ? 2 : v > 10 ? 1 : 0)))
    const table: Table = { ...ms.table, columns: [...ms.table.columns, relapse] }
    const { bundle } = await trainMs(table, conversionRecipe(table), { ...patch, features: [...MS_FEATURES, 'relapse'] })
    expect(bundle.pipeline.inputs.filter((c) => c.type === 'category').map((c) => c.name).sort()).toEqual(['edss', 'gender', 'ms_type', 'relapse', 'treatment'])
    const { maxDiff, inputs } = await compareRaw(bundle, table)
    expect(maxDiff).toBeLessThan(ONNX_TOLERANCE)
    // edss and relapse arrive as numbers, as the raw file has them.
    expect(inputs).toEqual(bundle.pipeline.inputs.map((c) => (c.type === 'number' || c.name === 'edss' || c.name === 'relapse' ? 'float' : 'string')))
  })

  it('the cleaning matters: the graph that starts after cleaning, fed the same raw values, does not give the studio\'s predictions', async () => {
    const { bundle } = await trainMs(ms.table, graphRecipe, { family: 'logistic' })
    const records = float32Records(rawRecords())
    const expected = Predictor.fromBundle(JSON.parse(JSON.stringify(bundle))).predictRecords(records)
    const out = await runRaw(bundleToOnnx(bundle, { afterCleaning: true }).bytes, records)
    const proba = out.probabilities.data as Float32Array
    const k = bundle.target.labels.length
    const off = records.rows.filter((_, r) => Math.abs(proba[r * k + 1] - (expected.rows[r]!.probabilities![bundle.target.labels[1]] as number)) > 1e-4).length
    expect(off).toBeGreaterThan(20)
  })

  it('metadata and doc string say the inputs are raw values; --after-cleaning\'s say they must be cleaned first', async () => {
    const { bundle } = await trainMs(ms.table, graphRecipe, { family: 'logistic' })
    // The writer is encode-only; the metadata and doc string are UTF-8 strings inside the protobuf.
    const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
    const raw = text(bundleToOnnx(bundle).bytes)
    expect(raw).toContain('cleaning_in_graph')
    expect(raw).toContain('yes: inputs are raw values')
    expect(raw).toContain("Inputs are the raw columns: the graph runs the bundle's 4 row-level cleaning step(s)")
    expect(raw).toContain(JSON.stringify(bundle.cleaning.steps))
    const after = text(bundleToOnnx(bundle, { afterCleaning: true }).bytes)
    expect(after).toContain('no: inputs must be cleaned first (run the steps in "cleaning")')
    expect(after).toContain("Inputs are the columns after the bundle's 4 row-level cleaning step(s)")
  })
})

describe('range bounds on the float32 grid', () => {
  it('float32AtOrAbove / AtOrBelow are the nearest float32 on each side', () => {
    for (const v of [0, -0, 0.1, -0.1, 9.5, 20.3, 1000.3, 1e-45, 1e39, -1e39, 3.4028234663852886e38, 16777217, -16777217]) {
      const up = float32AtOrAbove(v)
      const down = float32AtOrBelow(v)
      expect(Math.fround(up)).toBe(up)
      expect(Math.fround(down)).toBe(down)
      expect(up >= v && down <= v).toBe(true)
      // Neighbours: no float32 lies strictly between them.
      expect([down, up]).toContain(Math.fround(down / 2 + up / 2))
      if (Math.fround(v) === v) expect([up, down]).toEqual([v, v])
    }
  })

  it('judges float32 values beside each bound as the studio\'s rule does', () => {
    const rules: ValidationRule[] = [
      { id: 'a', column: 'x', kind: 'range', min: 0.1, max: 20.3, action: 'set-missing' },
      { id: 'b', column: 'x', kind: 'range', min: 0.1, max: 20.3, minExclusive: true, maxExclusive: true, action: 'set-missing' },
    ]
    const xs = [0.1, 20.3].flatMap((v) => [float32AtOrBelow(v), float32AtOrAbove(v), Math.fround(float32AtOrBelow(v) - 1e-6), Math.fround(float32AtOrAbove(v) + 1e-6)])
    for (const rule of rules) {
      if (rule.kind !== 'range') continue
      const broken = violation(rule, { name: 'x', type: 'number', values: Float64Array.from(xs) })
      xs.forEach((x, p) => {
        const lo = rule.min === null ? false : rule.minExclusive ? x <= float32AtOrBelow(rule.min) : x < float32AtOrAbove(rule.min)
        const hi = rule.max === null ? false : rule.maxExclusive ? x >= float32AtOrAbove(rule.max) : x > float32AtOrBelow(rule.max)
        expect(lo || hi, `${rule.id} at ${x}`).toBe(broken(p))
      })
    }
  })
})

describe('a cleaning step with no exact ONNX form: refused by name, or the graph starts after cleaning', () => {
  it('the vitals recipe: every step without an ONNX form is named with its column and what it does', async () => {
    const vitals = await vitalsSample()
    const { bundle } = await trainVitals(vitals.table, vitals.recipe)
    let error: unknown
    try {
      bundleToOnnx(bundle)
    } catch (e) {
      error = e
    }
    expect(errorCode(error)).toBe('onnx/cleaning-step')
    const message = (error as Error).message
    expect(message).toMatch(/^onnx: the model's cleaning has 5 steps with no exact ONNX form — /)
    expect(message).toContain('step 1 (convert "weight"): reads numbers from text')
    expect(message).toContain('step 2 (split "bp"): splits the text at "/" into numbers')
    expect(message).toContain('step 3 (standardize-text "sex"): trims spaces')
    expect(message).toContain('step 4 (convert "smoker"): reads yes/no values from text')
    expect(message).toContain('step 5 (validate "age"): removes rows (rule age-range)')
    expect(message).toContain('step 5 (validate "sex"): removes rows (rule sex-allowed)')
    expect(message).toMatch(/--after-cleaning; on the page "Download ONNX for cleaned inputs"\), and clean its inputs first/)
    expect(userMessage(error)).toMatch(/^The model's cleaning has 5 steps/)
    const exported = bundleToOnnx(bundle, { afterCleaning: true })
    expect(exported.cleaningInGraph).toBe(false)
    const session = await ort.InferenceSession.create(exported.bytes)
    expect(session.inputNames).toEqual(bundle.pipeline.inputs.map((c) => c.name))
    await session.release()
  })

  it('the MS sample\'s proposed recipe: its trimming and row-removing rules are named', async () => {
    const { bundle } = await trainMs(ms.table, ms.recipe, { family: 'logistic' })
    expect(() => bundleToOnnx(bundle)).toThrow(expect.objectContaining({ code: 'onnx/cleaning-step', message: expect.stringMatching(/\(standardize-text "gender"\): trims spaces, and ONNX has no operator that trims/) }))
  })

  it('a case change alone is refused (StringNormalizer is not the studio\'s Unicode casing); a trim alone too', async () => {
    for (const [change, what] of [[{ case: 'lower' }, 'changes upper/lower case'], [{ trim: true }, 'trims spaces']] as const) {
      const recipe = { ...graphRecipe, steps: graphRecipe.steps.map((s) => (s.id === 'sex' ? { ...s, ...change } : s)) } as CleaningRecipe
      const { bundle } = await trainMs(ms.table, recipe, { family: 'logistic' })
      expect(() => bundleToOnnx(bundle)).toThrow(`step 1 (standardize-text "gender"): ${what}`)
    }
  })

  it('required rules and rules that remove rows are refused; with the rule setting values missing instead, the export goes through', async () => {
    const rule = (action: 'drop-row' | 'set-missing'): CleaningRecipe => ({ ...graphRecipe, steps: [...graphRecipe.steps.slice(0, 2), { id: 'v', kind: 'validate', rules: [{ id: 'edss', column: 'edss', kind: 'range', min: 0, max: 9.5, action }, ...(action === 'drop-row' ? [{ id: 'need-age', column: 'age', kind: 'required' as const, action: 'drop-row' as const }] : [])] }] })
    const dropping = (await trainMs(ms.table, rule('drop-row'), { family: 'logistic' })).bundle
    expect(() => bundleToOnnx(dropping)).toThrow('onnx: the model\'s cleaning has a step with no exact ONNX form — step 1 (validate "edss"): removes rows (rule edss); step 1 (validate "age"): removes rows without a value (rule need-age)')
    const blanking = (await trainMs(ms.table, rule('set-missing'), { family: 'logistic' })).bundle
    expect(bundleToOnnx(blanking).cleaningInGraph).toBe(true)
  })
})
