import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ModelBundle } from '../../../src/core/bundle/bundle'
import { Predictor } from '../../../src/core/bundle/predictor'
import { getRunBundle } from '../../../src/services/storage/artifacts'
import { getRun, listRuns, saveRun } from '../../../src/services/storage/runs'
import { goldenJson } from '../core/bundle/helpers'
import { makeRun } from '../core/tracking/fixtures'
import { resetDatabase } from './db-helpers'

afterEach(resetDatabase)

describe('runs stored before bundle version 2', () => {
  it('hold version-1 bundles that read back as version 2 and still predict', async () => {
    const v1 = goldenJson('v1-gbdt-parkinsons.json') as unknown as ModelBundle
    expect(v1.version).toBe(1)
    // As an older studio saved it: the bundle, version 1, in the artifacts store.
    await saveRun(makeRun('old', '2026-01-01T00:00:00Z', { bundle: v1, family: 'gbdt' }))
    const bundle = await getRunBundle('old')
    expect(bundle).toMatchObject({ version: 2, cleaning: { steps: [] }, golden: [], reference: null, model: v1.model })
    expect((await getRun('old'))?.bundle?.version).toBe(2)
    expect(() => Predictor.fromBundle(bundle)).not.toThrow()
    const [listed] = await listRuns()
    expect(listed.bundleSummary).toMatchObject({ labels: ['0', '1'], testRows: v1.training.testRows })
  })
})
