import type { ProgressCallback } from '../src/core/types'

/**
 * Forwards at most one progress message per 100 ms of a stage to the page,
 * and always a stage's first and last message: a wide table must not flood
 * the page with messages, and a bar must still reach its end.
 */
export function throttleProgress(callback: ProgressCallback | undefined): ProgressCallback | undefined {
  if (!callback) return undefined
  let last = 0
  let stage = ''
  return (progress) => {
    const now = Date.now()
    if (now - last < 100 && progress.stage === stage && progress.done < progress.total) return
    last = now
    stage = progress.stage
    void callback(progress)
  }
}
