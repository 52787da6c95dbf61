import type { RegisteredModel, Stage } from './registry'
import { parseIso, quote, trackingError } from './checks'

/**
 * Answers "which version was in Production on a given day" by replaying a
 * registered model's history: versions exist from their createdAt, start in
 * None and take every recorded transition up to the moment asked about.
 */

/** Every version's stage at one moment, and the one in Production. */
export interface StageSnapshot {
  /** The moment replayed to (ISO). */
  at: string
  /** The version in Production at that moment, or null. */
  production: number | null
  /** Versions that existed then, with their stage. */
  stages: { version: number; stage: Stage }[]
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The stages of `model`'s versions at `when`. A bare day ("2026-03-02") means
 * the end of that day in UTC, so a promotion during the day counts: the answer
 * is what was in Production when the day was over. A full date-time is taken
 * as it is.
 */
export function stageAt(model: RegisteredModel, when: string): StageSnapshot {
  const moment = typeof when !== 'string' ? NaN : DAY.test(when) ? parseIso(`${when}T23:59:59.999Z`) : parseIso(when)
  if (Number.isNaN(moment)) throw trackingError('bad-date', 'registry', `date ${quote(when)} is not a day ("2026-03-02") or an ISO date-time`)
  const stages = new Map<number, Stage>()
  for (const v of model.versions) if (Date.parse(v.createdAt) <= moment) stages.set(v.version, 'None')
  // History is appended in time order; replaying it in array order keeps the
  // archive-then-promote pair of one instant in the right order.
  for (const entry of model.history) {
    if (Date.parse(entry.at) > moment) continue
    if (stages.has(entry.version)) stages.set(entry.version, entry.to)
  }
  const list = [...stages].map(([version, stage]) => ({ version, stage })).sort((a, b) => a.version - b.version)
  return { at: new Date(moment).toISOString(), production: list.find((s) => s.stage === 'Production')?.version ?? null, stages: list }
}
