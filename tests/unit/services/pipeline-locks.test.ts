import { describe, expect, it } from 'vitest'
import { tryModelLock } from '../../../src/services/pipeline-locks'

describe('one pipeline run per registry model', () => {
  it('refuses a second run for a model while the first holds it, and lets it go', async () => {
    const first = await tryModelLock('Sepsis')
    expect(first).toBeTypeOf('function')
    expect(await tryModelLock('Sepsis')).toBeNull()
    const other = await tryModelLock('Stroke')
    expect(other).toBeTypeOf('function')
    first!()
    const again = await tryModelLock('Sepsis')
    expect(again).toBeTypeOf('function')
    again!()
    other!()
  })
})
