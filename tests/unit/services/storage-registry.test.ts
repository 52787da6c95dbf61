import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { StudioError } from '../../../src/core/errors'
import { stageAt } from '../../../src/core/tracking/stage-history'
import { deleteRegisteredModel, getRegisteredModel, listRegisteredModels, productionVersion, registerModel, transitionVersion } from '../../../src/services/storage/registry'
import { RunIsRegisteredError, deleteRun, getRun, listRuns, saveRun } from '../../../src/services/storage/runs'
import { makeRun } from '../core/tracking/fixtures'
import { fillDiskAfter, resetDatabase } from './db-helpers'

afterEach(resetDatabase)

async function threeRuns(): Promise<void> {
  for (const id of ['r1', 'r2', 'r3']) await saveRun(makeRun(id, `2026-01-0${id[1]}T00:00:00Z`))
}

describe('registering models', () => {
  it('creates the model with version 1, then adds versions 2 and 3', async () => {
    await threeRuns()
    const first = await registerModel('Sepsis', 'r1', 'baseline')
    expect(first.version).toMatchObject({ version: 1, runId: 'r1', stage: 'None', comment: 'baseline' })
    await registerModel('Sepsis', 'r2')
    const third = await registerModel(' Sepsis ', 'r3')
    expect(third.version.version).toBe(3)
    const model = await getRegisteredModel('Sepsis')
    expect(model?.versions.map((v) => [v.version, v.runId])).toEqual([[1, 'r1'], [2, 'r2'], [3, 'r3']])
    expect((await listRegisteredModels()).map((m) => m.name)).toEqual(['Sepsis'])
  })

  it('refuses an unknown run, a run without a model, and the same run twice', async () => {
    await saveRun(makeRun('ok', '2026-01-01T00:00:00Z'))
    await saveRun(makeRun('bad', '2026-01-02T00:00:00Z', { status: 'failed', bundle: null }))
    await expect(registerModel('Sepsis', 'nope')).rejects.toThrow('registry: run "nope" does not exist')
    await expect(registerModel('Sepsis', 'bad')).rejects.toThrow('registry: run "bad" is failed; only a finished run with a model can be registered')
    await registerModel('Sepsis', 'ok')
    await expect(registerModel('Sepsis', 'ok')).rejects.toThrow('registry: run "ok" is already version 1 of "Sepsis"')
    await expect(registerModel('  ', 'ok')).rejects.toThrow('registry: model name "  " is not allowed')
    expect((await getRegisteredModel('Sepsis'))?.versions).toHaveLength(1)
  })
})

describe('stage transitions in storage', () => {
  it('keeps one Production version: a refused promotion leaves the store unchanged', async () => {
    await threeRuns()
    await registerModel('Sepsis', 'r1')
    await registerModel('Sepsis', 'r2')
    await transitionVersion('Sepsis', 1, 'Production', 'go live')
    const before = await getRegisteredModel('Sepsis')
    const error = await transitionVersion('Sepsis', 2, 'Production', 'better').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StudioError)
    expect((error as StudioError).code).toBe('registry-production-taken')
    expect((error as Error).message).toMatch(/^registry: version 1 of "Sepsis" is in Production/)
    expect(await getRegisteredModel('Sepsis')).toEqual(before)
    expect((await productionVersion('Sepsis'))?.version).toBe(1)
  })

  it('archives the old Production version with archiveExisting, both moves in the history', async () => {
    await threeRuns()
    await registerModel('Sepsis', 'r1')
    await registerModel('Sepsis', 'r2')
    await transitionVersion('Sepsis', 1, 'Production', 'go live')
    const result = await transitionVersion('Sepsis', 2, 'Production', 'better', { archiveExisting: true })
    expect(result.archived).toMatchObject({ version: 1, from: 'Production', to: 'Archived' })
    const model = await getRegisteredModel('Sepsis')
    expect(model?.history.map((h) => [h.version, h.from, h.to, h.comment])).toEqual([
      [1, 'None', 'Production', 'go live'],
      [1, 'Production', 'Archived', 'archived automatically: version 2 promoted to Production'],
      [2, 'None', 'Production', 'better'],
    ])
    expect((await productionVersion('Sepsis'))?.runId).toBe('r2')
    expect(stageAt(model!, new Date().toISOString()).production).toBe(2)
  })

  it('names an unknown model or version', async () => {
    await expect(transitionVersion('Nope', 1, 'Staging')).rejects.toThrow('registry: no registered model named "Nope"')
    await expect(productionVersion('Nope')).rejects.toThrow('registry: no registered model named "Nope"')
    await threeRuns()
    await registerModel('Sepsis', 'r1')
    await expect(transitionVersion('Sepsis', 4, 'Staging')).rejects.toThrow('registry: model "Sepsis" has no version 4; its versions are 1')
    expect(await productionVersion('Sepsis')).toBeNull()
  })

  it('maps a full disk on a transition to StorageFullError and keeps the old stage', async () => {
    await threeRuns()
    await registerModel('Sepsis', 'r1')
    const restore = fillDiskAfter(1)
    try {
      await expect(transitionVersion('Sepsis', 1, 'Staging')).rejects.toThrow(/storage for this site is full.*the stage change was not saved/)
      await expect(registerModel('Sepsis', 'r2')).rejects.toThrow(/full.*the model was not registered/)
    } finally {
      restore()
    }
    const model = await getRegisteredModel('Sepsis')
    expect(model?.versions.map((v) => v.stage)).toEqual(['None'])
  })
})

describe('deleting registered runs and models', () => {
  it('refuses to delete a registered run silently, naming the model and version; force deletes it', async () => {
    await threeRuns()
    await registerModel('Sepsis', 'r2')
    await transitionVersion('Sepsis', 1, 'Production')
    const error = await deleteRun('r2').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RunIsRegisteredError)
    expect(error).toMatchObject({ runId: 'r2', versions: [{ model: 'Sepsis', version: 1, stage: 'Production' }] })
    expect((error as Error).message).toMatch(/^storage: run "r2" is registered as version 1 of "Sepsis" \(Production\)/)
    expect(await getRun('r2')).toBeDefined()
    await deleteRun('r1') // not registered: deleted as before
    await deleteRun('r2', { force: true })
    expect((await listRuns()).map((r) => r.id)).toEqual(['r3'])
    // The version stays, pointing at a run that is gone; the page shows it as such.
    expect((await productionVersion('Sepsis'))?.runId).toBe('r2')
  })

  it('deletes a registered model, refusing one with a Production version unless forced; its runs stay', async () => {
    await threeRuns()
    await registerModel('Draft', 'r1')
    await deleteRegisteredModel('Draft')
    expect(await getRegisteredModel('Draft')).toBeUndefined()
    await registerModel('Live', 'r2')
    await transitionVersion('Live', 1, 'Production')
    await expect(deleteRegisteredModel('Live')).rejects.toThrow('registry: version 1 of "Live" is in Production; archive it first, or delete the model with force')
    await deleteRegisteredModel('Live', { force: true })
    expect(await listRegisteredModels()).toEqual([])
    expect((await listRuns()).map((r) => r.id)).toEqual(['r3', 'r2', 'r1'])
    await deleteRun('r2') // no longer registered
  })
})
