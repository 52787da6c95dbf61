/**
 * One pipeline run per registry model at a time, across the studio's tabs:
 * two challengers of the same model scored and promoted at once could each
 * beat the same champion and both be promoted. A run holds the Web Lock
 * `studio-pipeline-model:<model name>` from before its first stage until its
 * record is saved; another run for that model (in this tab or another) is
 * refused instead of queued, so the user knows at once. The headless runner
 * keeps the same rule with a lock file in the registry directory.
 * Without Web Locks (an insecure context), only this tab's runs are known.
 */

const PREFIX = 'studio-pipeline-model:'

/** Models this tab runs a pipeline for now. */
const held = new Set<string>()

/** The lock of model `name`: resolves with the function that lets it go, or null when another run holds it. */
export async function tryModelLock(name: string): Promise<(() => void) | null> {
  if (held.has(name)) return null
  const manager = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null
  if (!manager) {
    held.add(name)
    return () => held.delete(name)
  }
  return new Promise((resolve) => {
    let release: () => void = () => undefined
    const released = new Promise<void>((done) => (release = done))
    void manager.request(PREFIX + name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null)
        return
      }
      held.add(name)
      resolve(() => {
        held.delete(name)
        release()
      })
      return released
    })
  })
}
