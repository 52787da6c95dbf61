import { afterEach, describe, expect, it, vi } from 'vitest'
import { holdRunLock, whenRunUnowned } from '../../../src/services/run-locks'

/**
 * A LockManager with the one behaviour run-locks relies on: exclusive locks by
 * name, granted in request order, held until the callback's promise settles.
 * (The real one, shared between tabs, is exercised by tests/e2e/run-ownership.spec.ts.)
 */
class FakeLocks {
  private readonly queues = new Map<string, Array<() => void>>()
  private readonly held = new Set<string>()

  request<T>(name: string, callback: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const grant = (): void => {
        this.held.add(name)
        Promise.resolve()
          .then(callback)
          .then(resolve, reject)
          .finally(() => {
            this.held.delete(name)
            this.queues.get(name)?.shift()?.()
          })
      }
      if (this.held.has(name)) {
        const queue = this.queues.get(name) ?? []
        queue.push(grant)
        this.queues.set(name, queue)
      } else grant()
    })
  }

  isHeld(name: string): boolean {
    return this.held.has(name)
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('run locks', () => {
  it('holds a run from before it is saved until it is let go', async () => {
    const locks = new FakeLocks()
    vi.stubGlobal('navigator', { locks })
    const release = await holdRunLock('a')
    expect(locks.isHeld('studio-run:a')).toBe(true)
    release()
    await tick()
    expect(locks.isHeld('studio-run:a')).toBe(false)
  })

  it('never waits on a run this tab trains, so a refresh cannot start another refresh', async () => {
    vi.stubGlobal('navigator', { locks: new FakeLocks() })
    const release = await holdRunLock('own')
    const whenUnowned = vi.fn(async () => undefined)
    expect(whenRunUnowned('own', whenUnowned)).toBeNull()
    await tick()
    expect(whenUnowned).not.toHaveBeenCalled()
    release()
  })

  it('calls back once another tab lets go of its run, and waits only once per run', async () => {
    const locks = new FakeLocks()
    vi.stubGlobal('navigator', { locks })
    let otherTabLetsGo: () => void = () => undefined
    void locks.request('studio-run:theirs', () => new Promise<void>((resolve) => (otherTabLetsGo = resolve)))
    const whenUnowned = vi.fn(async () => undefined)
    const waiting = whenRunUnowned('theirs', whenUnowned)
    expect(waiting).not.toBeNull()
    expect(whenRunUnowned('theirs', whenUnowned)).toBeNull()
    await tick()
    expect(whenUnowned).not.toHaveBeenCalled()
    otherTabLetsGo()
    await waiting
    expect(whenUnowned).toHaveBeenCalledTimes(1)
    // Settled: a later look at the same run may wait again.
    expect(whenRunUnowned('theirs', whenUnowned)).not.toBeNull()
  })

  it('calls back at once for a run whose tab is gone (nobody holds its lock)', async () => {
    vi.stubGlobal('navigator', { locks: new FakeLocks() })
    const whenUnowned = vi.fn(async () => undefined)
    await whenRunUnowned('orphan', whenUnowned)
    expect(whenUnowned).toHaveBeenCalledTimes(1)
  })

  it('without Web Locks, takes a running run as interrupted at once', async () => {
    vi.stubGlobal('navigator', {})
    const whenUnowned = vi.fn(async () => undefined)
    await whenRunUnowned('no-locks', whenUnowned)
    expect(whenUnowned).toHaveBeenCalledTimes(1)
  })
})
