/**
 * runPipeline through RegistryPort alone, with an in-memory registry built on
 * core's registry rules (what the page does over IndexedDB): the order of
 * registry calls, no call at all when a stage fails before registering,
 * cancellation, a champion that cannot be compared, a parameter search, and
 * a regression pipeline judged by RMSE (lower is better).
 */
import { describe, expect, it } from 'vitest'
import { crossValidate } from '../../../../src/core/eval/cross-validate'
import { familyInfo } from '../../../../src/core/model/registry'
import { addModelVersion, createRegisteredModel, productionVersion, transition, type RegisteredModel, type Stage } from '../../../../src/core/tracking/registry'
import { runPipeline } from '../../../../src/core/workflow/run-pipeline'
import type { PipelineSpec, RegistryPort } from '../../../../src/core/workflow/types'
import { parseCsv } from '../../../../src/core/table/read/csv'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { MS_CSV, msRows, msSpec } from './support'

const NOW = new Date('2026-12-01T09:00:00.000Z')

/** A registry in memory over core's rules; `calls` lists what the runner asked, in order. */
class MemoryRegistry implements RegistryPort {
  readonly models = new Map<string, RegisteredModel>()
  readonly bundles = new Map<string, unknown>()
  readonly calls: string[] = []

  async production(name: string) {
    this.calls.push(`production ${name}`)
    const model = this.models.get(name)
    const current = model && productionVersion(model)
    return current ? { version: current.version, bundle: this.bundles.get(`${name}@${current.version}`) } : null
  }

  async register(name: string, bundle: unknown, comment: string) {
    this.calls.push(`register ${name}: ${comment}`)
    const model = this.models.get(name) ?? createRegisteredModel(name, NOW)
    const added = addModelVersion(model, `run-${model.versions.length + 1}`, comment, NOW)
    this.models.set(name, added.model)
    this.bundles.set(`${name}@${added.version.version}`, bundle)
    return { version: added.version.version }
  }

  async transition(name: string, version: number, to: Stage, comment: string, archiveExisting: boolean) {
    this.calls.push(`transition ${name} v${version} → ${to}${archiveExisting ? ' (archive existing)' : ''}: ${comment}`)
    this.models.set(name, transition(this.models.get(name) as RegisteredModel, version, to, comment, NOW, { archiveExisting }).model)
  }
}

const run = (spec: PipelineSpec, registry: RegistryPort, bytes = msRows(), signal?: AbortSignal) =>
  runPipeline(spec, { bytes, fileName: 'ms.csv' }, { registry, signal, now: () => NOW })

describe('runPipeline over a RegistryPort', () => {
  it('asks the registry for Production, registers, then moves the version to Staging and Production', async () => {
    const registry = new MemoryRegistry()
    const record = await run(msSpec(), registry)
    expect(record.outcome).toBe('promoted')
    expect(registry.calls).toEqual([
      'production MS response',
      'register MS response: pipeline ms-response: challenger',
      'transition MS response v1 → Staging: pipeline ms-response: challenger',
      `transition MS response v1 → Production (archive existing): ${record.decision?.comment}`,
    ])
    expect(record.startedAt).toBe(NOW.toISOString())
    expect(record.stages.every((s) => s.startedAt === NOW.toISOString())).toBe(true)
  })

  it('never touches the registry when a stage fails before registering: a feature missing after cleaning', async () => {
    const registry = new MemoryRegistry()
    const spec = msSpec({ recipe: null, features: [...msSpec().features, 'bmi', 'relapses'] })
    const record = await run(spec, registry)
    expect(record.stages.map((s) => s.status)).toEqual(['done', 'done', 'done', 'failed', 'skipped', 'skipped', 'skipped', 'skipped'])
    expect(record.stages[1].messages).toEqual(['Target "treatment_response" found; 8 features of 10 present as read.'])
    expect(record.stages[2].messages).toEqual(['No cleaning recipe: the file is used as read.'])
    expect(record.stages[3].error).toEqual({ code: 'pipeline-missing-features', message: 'features: 2 columns the pipeline learns from are not in the new data after cleaning: "bmi", "relapses"' })
    expect(record.stages[3].messages).toEqual(['2 columns the pipeline learns from are not in the new data after cleaning: "bmi", "relapses".'])
    expect(registry.calls).toEqual([])
  })

  it('stops at once when cancelled, touching nothing', async () => {
    const registry = new MemoryRegistry()
    const controller = new AbortController()
    controller.abort()
    const record = await run(msSpec(), registry, msRows(), controller.signal)
    expect(record.outcome).toBe('failed')
    expect(record.stages[0]).toMatchObject({ status: 'failed', error: { code: 'cancelled' }, messages: ['The run was cancelled.'] })
    expect(record.stages.slice(1).every((s) => s.status === 'skipped')).toBe(true)
    expect(registry.calls).toEqual([])
  })

  it('fails at evaluate, before registering, when Production predicts other classes', async () => {
    const registry = new MemoryRegistry()
    // Another pipeline put a model of sex (Female/Male) under the same registry name.
    const sexSpec = msSpec({ target: 'gender', features: msSpec().features.filter((f) => f !== 'gender') })
    expect((await run(sexSpec, registry)).outcome).toBe('promoted')
    registry.calls.length = 0
    const record = await run(msSpec(), registry)
    expect(record.stages[5]).toMatchObject({ stage: 'evaluate', status: 'failed', error: { code: 'pipeline-champion-labels' } })
    expect(record.stages[5].error?.message).toBe('evaluate: Production version 1 predicts the classes "Female", "Male", but the new data\'s target has "no", "yes"; they cannot be compared on the same rows')
    expect(registry.calls).toEqual(['production MS response'])
  })

  it('searches the space by cross-validation on the training rows and trains the best parameters', async () => {
    const registry = new MemoryRegistry()
    const spec = msSpec({ model: { family: 'logistic', params: {}, search: { space: { C: { type: 'choice', values: [0.001, 1] } }, strategy: 'grid' } }, validation: { testShare: 0.25, seed: 7, folds: 3 } })
    const record = await run(spec, registry)
    expect(record.outcome).toBe('promoted')
    // The reference: the same cross-validation of each candidate, by hand.
    const cleaned = (await applyRecipe(parseCsv(MS_CSV, 'ms.csv').table, spec.recipe!, { textEngine: 'core' })).table
    const means = await Promise.all(
      [0.001, 1].map(async (C) => {
        const cv = await crossValidate(cleaned, { target: spec.target, task: 'binary', features: spec.features, family: 'logistic', params: { ...familyInfo('logistic').defaults, C }, pipeline: spec.pipeline, seed: 7, scheme: { kind: 'stratified', k: 3, seed: 7 }, testShare: 0.25 })
        return cv.summary.auc.mean as number
      }),
    )
    const best = means[0] > means[1] ? 0.001 : 1
    expect(means[0]).not.toBe(means[1])
    const train = record.stages[4]
    expect(train.messages[0]).toBe(`Searched 2 parameter sets by 3-fold cross-validation; best AUC ${Math.max(...means).toFixed(4)} with C = ${best}.`)
    const bundle = registry.bundles.get('MS response@1') as { model: { params: Record<string, unknown> } }
    expect(bundle.model.params.C).toBe(best)
  })

  it('judges a regression pipeline by RMSE, lower being better', async () => {
    const registry = new MemoryRegistry()
    const spec = msSpec({
      name: 'edss',
      target: 'edss',
      task: 'regression',
      features: msSpec().features.filter((f) => f !== 'edss'),
      model: { family: 'linreg', params: {} },
      registry: { modelName: 'EDSS' },
      promotion: { metric: 'rmse', minGain: 0.01, requireGolden: true },
    })
    const first = await run(spec, registry)
    expect(first.outcome).toBe('promoted')
    const bundle = registry.bundles.get('EDSS@1') as { metrics: { heldOut: Record<string, number> } }
    // Scored through the Predictor on the raw test rows, the challenger's RMSE is training's own held-out RMSE.
    expect(first.decision?.challenger.value).toBeCloseTo(bundle.metrics.heldOut.rmse, 10)
    const again = await run(spec, registry)
    expect(again.outcome).toBe('kept')
    expect(again.decision?.gain).toBeCloseTo(0, 10)
    expect(again.decision?.comment).toBe(`kept version 1: RMSE ${first.decision?.challenger.value.toFixed(3)} vs ${first.decision?.challenger.value.toFixed(3)}, +0.000 < 0.010`)
  })
})
