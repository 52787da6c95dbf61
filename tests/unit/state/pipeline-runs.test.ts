import { describe, expect, it } from 'vitest'
import { pipelineSpecFromRun } from '../../../src/core/tracking/pipeline-from-run'
import type { PipelineRunRecord, StageRecord } from '../../../src/core/workflow/types'
import { cancelledRun, failureSentence, outcomeSentence, pendingStages, withStage } from '../../../src/state/pipeline-runs'
import { makeRun } from '../core/tracking/fixtures'

const spec = pipelineSpecFromRun(makeRun('r1', '2026-01-01T00:00:00Z'), { name: 'Sepsis nightly', modelName: 'Sepsis', now: new Date('2026-02-01T00:00:00Z') })
const done = (stage: StageRecord['stage'], rows = 100): StageRecord => ({ stage, status: 'done', startedAt: '2026-03-01T00:00:00.000Z', durationMs: 5, rowsIn: rows, rowsOut: rows, messages: [], error: null })

function runWith(stages: StageRecord[], patch: Partial<PipelineRunRecord> = {}): PipelineRunRecord {
  return { id: 'x', pipelineName: 'Sepsis nightly', startedAt: '2026-03-01T00:00:00.000Z', finishedAt: '2026-03-01T00:00:01.000Z', data: { name: 'new.csv', fingerprint: 'f', rows: 100 }, stages, outcome: 'failed', decision: null, registered: null, ...patch }
}

describe('pipeline run bookkeeping', () => {
  it('starts with eight waiting stages and replaces one as the worker reports it', () => {
    const stages = withStage(pendingStages(), done('clean', 90))
    expect(stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['load:pending', 'validate:pending', 'clean:done', 'features:pending', 'train:pending', 'evaluate:pending', 'register:pending', 'promote:pending'])
  })

  it('records a cancelled run: the running stage failed as cancelled, the rest skipped', () => {
    let stages = pendingStages()
    for (const s of ['load', 'validate', 'clean', 'features'] as const) stages = withStage(stages, done(s, 1500))
    stages = withStage(stages, { ...pendingStages()[4], status: 'running', startedAt: '2026-03-01T00:00:10.000Z' })
    const run = cancelledRun(spec, { fileName: 'new.csv', startedAt: '2026-03-01T00:00:00.000Z', stages }, new Date('2026-03-01T00:00:12.500Z'), 'c1')
    expect(run).toMatchObject({ id: 'c1', pipelineName: 'Sepsis nightly', outcome: 'failed', finishedAt: '2026-03-01T00:00:12.500Z', data: { name: 'new.csv', rows: 1500 }, registered: null })
    expect(run.stages.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'failed', 'skipped', 'skipped', 'skipped'])
    expect(run.stages[4]).toMatchObject({ durationMs: 2500, error: { code: 'cancelled', message: 'The run was cancelled.' }, messages: ['The run was cancelled.'] })
  })

  it('says what became of the new model, and where a failed run stopped and why, in plain words', () => {
    const decision = { promoted: true, metric: 'auc', challenger: { version: 2, value: 0.951 }, champion: { version: 1, value: 0.944 }, gain: 0.007, minGain: 0.005, goldenPassed: true, comment: 'promoted: AUC 0.951 vs 0.944, +0.007 ≥ 0.005' }
    expect(outcomeSentence(runWith([], { outcome: 'promoted', decision, registered: { name: 'Sepsis', version: 2 } }))).toBe('Pipeline "Sepsis nightly": version 2 of "Sepsis" is now in Production (promoted: AUC 0.951 vs 0.944, +0.007 ≥ 0.005).')
    expect(outcomeSentence(runWith([], { outcome: 'kept', decision: { ...decision, promoted: false, comment: 'kept version 1: AUC 0.940 vs 0.944, −0.004 < 0.005' }, registered: { name: 'Sepsis', version: 2 } }))).toBe(
      'Pipeline "Sepsis nightly": version 2 of "Sepsis" stays in Staging (kept version 1: AUC 0.940 vs 0.944, −0.004 < 0.005).',
    )
    const failedClean: StageRecord = { ...pendingStages()[2], status: 'failed', error: { code: 'recipe-columns-missing', message: 'recipe: a column the recipe needs is not in "new.csv": "edss"' }, messages: [] }
    const failed = runWith([done('load'), done('validate'), failedClean])
    expect(outcomeSentence(failed)).toBeNull()
    expect(failureSentence(failed)).toBe('Pipeline "Sepsis nightly" stopped at the clean stage: A column the recipe needs is not in "new.csv": "edss". The registry was not changed.')
    expect(failureSentence({ ...failed, registered: { name: 'Sepsis', version: 3 } })).toMatch(/Version 3 of "Sepsis" was registered before it stopped\.$/)
  })
})
