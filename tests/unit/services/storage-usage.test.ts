import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { registerModel } from '../../../src/services/storage/registry'
import { getRun, saveRun } from '../../../src/services/storage/runs'
import { storageUsage } from '../../../src/services/storage/usage'
import { makeRun } from '../core/tracking/fixtures'
import { resetDatabase } from './db-helpers'

afterEach(async () => {
  vi.unstubAllGlobals()
  await resetDatabase()
})

describe('storageUsage', () => {
  async function three(): Promise<void> {
    await saveRun(makeRun('small', '2026-01-01T00:00:00Z', { bundle: null, status: 'failed' }))
    await saveRun(makeRun('big', '2026-01-02T00:00:00Z', { residuals: { predicted: Array(5000).fill(0.5), actual: Array(5000).fill(1) } }))
    await saveRun(makeRun('mid', '2026-01-03T00:00:00Z'))
    await registerModel('Sepsis', 'mid')
  }

  it('ranks runs by estimated size, marking those a registered version needs', async () => {
    await three()
    const usage = await storageUsage({ limit: 2 })
    expect(usage.runs).toBe(3)
    expect(usage.largestRuns.map((r) => [r.id, r.registered])).toEqual([['big', false], ['mid', true]])
    const big = usage.largestRuns[0]
    // The run record plus its bundle (stored apart since database 4): within a few bytes of the whole run's JSON.
    const whole = JSON.stringify(await getRun('big')).length
    expect(Math.abs(big.bytes - whole) / whole).toBeLessThan(0.01)
    expect(big).toMatchObject({ family: 'logistic', experimentId: 'exp-f', startedAt: '2026-01-02T00:00:00Z' })
    expect(usage.runBytes).toBeGreaterThan(big.bytes)
  })

  it("falls back to the studio's own estimate when the browser gives none", async () => {
    await three()
    const usage = await storageUsage()
    expect(usage.estimated).toBe(true)
    expect(usage.quotaBytes).toBeNull()
    expect(usage.usageBytes).toBeGreaterThan(usage.runBytes) // runs plus experiments and registry
    expect(usage.largestRuns).toHaveLength(3)
  })

  it("reports the browser's usage and quota when it gives them", async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1234, quota: 99999 }) } })
    expect(await storageUsage()).toMatchObject({ usageBytes: 1234, quotaBytes: 99999, estimated: false, runs: 0, largestRuns: [] })
  })
})
