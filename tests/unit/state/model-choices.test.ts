import { describe, expect, it } from 'vitest'
import type { RegisteredModel } from '../../../src/services/storage/registry'
import type { RunRecord } from '../../../src/services/storage/runs'
import { defaultChoice, modelChoices } from '../../../src/state/model-choices'

function run(id: string, patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    status: 'finished',
    startedAt: '2026-01-02T10:00:00.000Z',
    dataset: { name: 'parkinsons.csv', fingerprint: 'f', rows: 10, columns: 3 },
    target: 'Diagnosis',
    family: 'gbdt',
    bundle: null,
    bundleSummary: { bytes: 10 },
    ...patch,
  } as unknown as RunRecord
}

function model(name: string, versions: [number, string, string][]): RegisteredModel {
  return { name, versions: versions.map(([version, stage, runId]) => ({ version, stage, runId, createdAt: '', comment: '' })), history: [] } as unknown as RegisteredModel
}

describe('modelChoices and defaultChoice', () => {
  const runs = [run('r3'), run('r2', { family: 'logistic' }), run('r1'), run('failed', { status: 'failed' }), run('nobundle', { bundleSummary: null })]

  it('lists registered versions (Production first, then newest) before runs with a stored model; versions whose run is gone are left out', () => {
    const choices = modelChoices([model('Screening', [[1, 'Production', 'r1'], [2, 'Staging', 'r2'], [3, 'None', 'r3'], [4, 'None', 'gone']])], runs)
    expect(choices.map((c) => c.key)).toEqual(['version:Screening:1', 'version:Screening:2', 'version:Screening:3', 'run:r3', 'run:r2', 'run:r1'])
    expect(choices[0]).toMatchObject({ label: 'Screening · version 1 · Production', group: 'Registered models', runId: 'r1', registry: { name: 'Screening', version: 1, stage: 'Production' } })
    expect(choices[2].label).toBe('Screening · version 3')
    expect(choices[4].label).toMatch(/^Logistic regression · parkinsons\.csv → Diagnosis · /)
  })

  it('defaults to a Production version, else the first registered version, else the newest run, else nothing', () => {
    const production = modelChoices([model('A', [[1, 'None', 'r1']]), model('B', [[1, 'Archived', 'r2'], [2, 'Production', 'r3']])], runs)
    expect(defaultChoice(production)?.key).toBe('version:B:2')
    expect(defaultChoice(modelChoices([model('A', [[1, 'Staging', 'r1'], [2, 'None', 'r2']])], runs))?.key).toBe('version:A:1')
    expect(defaultChoice(modelChoices([], runs))?.key).toBe('run:r3')
    expect(defaultChoice(modelChoices([], []))).toBeNull()
  })
})
