import { plainMessage } from '../../core/user-message'
import type { StageName, StageRecord, StageStatus } from '../../core/workflow/types'

/** How the stage graph names stages and statuses: a word and a symbol for every status, never colour alone. */
export const STAGE_LABELS: Record<StageName, string> = {
  load: 'Load',
  validate: 'Validate',
  clean: 'Clean',
  features: 'Features',
  train: 'Train',
  evaluate: 'Evaluate',
  register: 'Register',
  promote: 'Promote',
}

export const STATUS_TEXT: Record<StageStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
}

export const STATUS_SYMBOL: Record<StageStatus, string> = {
  pending: '○',
  running: '◐',
  done: '✓',
  failed: '✕',
  skipped: '–',
}

/** "1,500 → 1,470 rows", "1,500 rows", or null when the stage saw no rows. */
export function rowsText(rowsIn: number | null, rowsOut: number | null, format: (n: number) => string): string | null {
  if (rowsIn === null && rowsOut === null) return null
  if (rowsIn !== null && rowsOut !== null && rowsIn !== rowsOut) return `${format(rowsIn)} → ${format(rowsOut)} rows`
  return `${format((rowsOut ?? rowsIn)!)} rows`
}

/** The sentence a failed stage shows: its error as the page words errors (no domain prefix). */
export function stageProblem(stage: StageRecord): string | null {
  return stage.error ? plainMessage(stage.error.message, stage.error.code) : null
}
