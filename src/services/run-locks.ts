/**
 * Which tab owns a training run, told to every tab of the studio.
 *
 * A run belongs to the tab that started it: that tab holds a Web Lock named
 * `studio-run:<id>` from before the run is first saved as 'running' until after
 * its end is saved. The browser releases a tab's locks when the tab closes,
 * reloads or crashes, so for a run stored as 'running':
 * - its lock is held: it is training in another tab — show it as running;
 * - its lock is free: its tab is gone and the run can never end — mark it failed.
 * Another tab asks for the lock and waits; the request is granted at once when
 * the owner is gone, or when the owner lets go after saving the end, and the
 * tab then re-reads the run (asking, rather than `locks.query()` then acting,
 * leaves no moment for the owner to change between the look and the act).
 *
 * A BroadcastChannel tells the other tabs when a run starts or ends, so they
 * refresh their runs list without waiting for the user.
 */

const LOCK_PREFIX = 'studio-run:'
const CHANNEL = 'studio-runs'

/** The ids of the runs this tab trains (and holds the locks of). */
const owned = new Set<string>()
/** Runs another tab trains that this tab waits on, by id. */
const watched = new Map<string, Promise<void>>()

function locks(): LockManager | null {
  // Web Locks need a secure context (https or localhost); elsewhere the page falls back (see whenRunUnowned).
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null
}

/** Whether this browser can tell a run training in another tab from one whose tab is gone. */
export function runOwnershipKnown(): boolean {
  return locks() !== null
}

/**
 * Takes the lock of a run this tab is about to train; resolves, once it is
 * held, with the function that lets it go. Let go only after the run's end is
 * saved: other tabs read the run as soon as the lock is free.
 */
export function holdRunLock(id: string): Promise<() => void> {
  owned.add(id)
  const manager = locks()
  if (!manager) {
    return Promise.resolve(() => {
      owned.delete(id)
    })
  }
  return new Promise((resolveHeld) => {
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    manager
      .request(LOCK_PREFIX + id, () => {
        resolveHeld(() => {
          owned.delete(id)
          release()
        })
        return released
      })
      .catch(() => {
        // The lock could not be taken (never expected with a unique name): train anyway, unowned.
        resolveHeld(() => {
          owned.delete(id)
        })
      })
  })
}

/**
 * Calls `whenUnowned` once the run `id`, stored as 'running' by another tab,
 * no longer has a tab training it: at once when its tab is gone, else when that
 * tab lets go of it (normally after saving its end). `whenUnowned` runs while
 * this tab holds the run's lock, so it reads a settled record. Resolves after
 * `whenUnowned`; null (and nothing is called) for a run this tab trains or
 * already waits on. Without Web Locks, `whenUnowned` runs at once (the
 * studio's behaviour before locks: a 'running' run found on load is taken as
 * interrupted).
 */
export function whenRunUnowned(id: string, whenUnowned: () => Promise<void>): Promise<void> | null {
  if (owned.has(id) || watched.has(id)) return null
  const manager = locks()
  const settled = manager ? manager.request(LOCK_PREFIX + id, () => whenUnowned()).then(() => undefined) : whenUnowned()
  const done = settled.finally(() => watched.delete(id))
  watched.set(id, done)
  return done
}

let channel: BroadcastChannel | null | undefined

function runsChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL)
  return channel
}

/** Tells the studio's other tabs that runs were saved (a run started or ended). */
export function announceRunsChanged(): void {
  runsChannel()?.postMessage({ type: 'runs-changed' })
}

/** Calls `listener` whenever another tab announces saved runs; returns the unsubscribe. */
export function onRunsChanged(listener: () => void): () => void {
  const target = runsChannel()
  if (!target) return () => undefined
  const handler = (event: MessageEvent): void => {
    if ((event.data as { type?: string } | null)?.type === 'runs-changed') listener()
  }
  target.addEventListener('message', handler)
  return () => target.removeEventListener('message', handler)
}
