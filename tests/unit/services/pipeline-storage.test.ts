import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { pipelineSpecFromRun } from '../../../src/core/tracking/pipeline-from-run'
import { STAGE_NAMES, type PipelineRunRecord } from '../../../src/core/workflow/types'
import * as pipelines from '../../../src/services/pipeline-storage'
import { StorageFullError } from '../../../src/services/storage/db'
import { makeRun } from '../core/tracking/fixtures'
import { fillDiskAfter } from './db-helpers'

afterEach(async () => {
  pipelines.closePipelineStorage()
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(pipelines.PIPELINE_DB_NAME)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
})

const spec = (name: string) => pipelineSpecFromRun(makeRun('r1', '2026-01-01T00:00:00Z'), { name, modelName: 'Sepsis', now: new Date('2026-02-01T00:00:00Z') })

function runOf(pipelineName: string, id: string, startedAt: string): PipelineRunRecord {
  return {
    id, pipelineName, startedAt, finishedAt: startedAt,
    data: { name: 'new.csv', fingerprint: 'n', rows: 10 },
    stages: STAGE_NAMES.map((stage) => ({ stage, status: 'done', startedAt, durationMs: 1, rowsIn: 10, rowsOut: 10, messages: [], error: null })),
    outcome: 'kept', decision: null, registered: null,
  }
}

describe('pipeline storage', () => {
  it('saves pipelines by name, refuses a taken name unless replacing, and lists them by name', async () => {
    await pipelines.savePipeline(spec('b nightly'))
    const saved = await pipelines.savePipeline(spec('a weekly'), { now: new Date('2026-03-01T00:00:00Z') })
    expect(saved).toMatchObject({ schemaVersion: 1, name: 'a weekly', savedAt: '2026-03-01T00:00:00.000Z' })
    await expect(pipelines.savePipeline(spec('a weekly'))).rejects.toThrow('pipelines: a pipeline named "a weekly" is already saved; choose another name, or replace it')
    const changed = { ...spec('a weekly'), promotion: { metric: 'auc', minGain: 0.02, requireGolden: true } }
    await pipelines.savePipeline(changed, { replace: true })
    expect((await pipelines.listPipelines()).map((p) => p.name)).toEqual(['a weekly', 'b nightly'])
    expect((await pipelines.getPipeline('a weekly'))?.spec.promotion.minGain).toBe(0.02)
  })

  it('keeps the runs of each pipeline, newest first, and deletes them with their pipeline', async () => {
    await pipelines.savePipeline(spec('p'))
    await pipelines.savePipeline(spec('q'))
    await pipelines.savePipelineRun(runOf('p', 'p1', '2026-01-01T00:00:00Z'))
    await pipelines.savePipelineRun(runOf('p', 'p2', '2026-01-02T00:00:00Z'))
    await pipelines.savePipelineRun(runOf('q', 'q1', '2026-01-03T00:00:00Z'))
    // Saving again (as stages finish) replaces the record.
    await pipelines.savePipelineRun({ ...runOf('p', 'p1', '2026-01-01T00:00:00Z'), outcome: 'failed' })
    const runs = await pipelines.listPipelineRuns('p')
    expect(runs.map((r) => [r.id, r.outcome, r.schemaVersion])).toEqual([['p2', 'kept', 1], ['p1', 'failed', 1]])
    expect(runs[0].stages.map((s) => s.stage)).toEqual([...STAGE_NAMES])
    await pipelines.deletePipeline('p')
    expect(await pipelines.listPipelineRuns('p')).toEqual([])
    expect((await pipelines.listPipelineRuns('q')).map((r) => r.id)).toEqual(['q1'])
    expect((await pipelines.listPipelines()).map((p) => p.name)).toEqual(['q'])
  })

  it('turns a full disk into a message saying what was not saved', async () => {
    const restore = fillDiskAfter(1)
    try {
      const error = await pipelines.savePipeline(spec('p')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StorageFullError)
      expect((error as Error).message).toMatch(/storage for this site is full.*the pipeline was not saved\.$/)
    } finally {
      restore()
    }
    expect(await pipelines.listPipelines()).toEqual([])
  })
})
