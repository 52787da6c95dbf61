import type { FoldScheme } from '../eval/folds'
import type { RunRecord } from './run-schema'

/**
 * Where the scores a run shows come from, so runs validated differently are
 * never compared as if alike: a held-out split scores one model on rows it
 * never saw; cross-validation averages k models over k folds. The runs table
 * shows the label and filters on the kind.
 */
export type ValidationKind = 'holdout' | 'cv' | 'none'

export interface RunValidation {
  kind: ValidationKind
  /** "held-out 20%", "5-fold CV", "held-out 20% after 5-fold CV", "3 × 5-fold CV", "group 5-fold CV". */
  label: string
}

export const VALIDATION_KINDS: { kind: ValidationKind; label: string }[] = [
  { kind: 'holdout', label: 'Held-out split' },
  { kind: 'cv', label: 'Cross-validation' },
  { kind: 'none', label: 'Not validated' },
]

/** The cross-validation scheme in a few words: "5-fold CV", "3 × 5-fold CV", "group 5-fold CV". */
export function schemeLabel(scheme: FoldScheme): string {
  switch (scheme.kind) {
    case 'repeated':
      return `${scheme.repeats} × ${scheme.k}-fold CV`
    case 'group':
      return `group ${scheme.k}-fold CV`
    default:
      return `${scheme.k}-fold CV`
  }
}

/**
 * How a run's scores were measured. A leaderboard entry or search trial is
 * scored by cross-validation. Any other run is scored on its held-out (or
 * locked test) rows when it has them, even when cross-validation chose it; a
 * final model trained on every row has only its cross-validated scores.
 */
export function runValidation(run: Pick<RunRecord, 'kind' | 'testShare' | 'cv'>): RunValidation {
  const cv = run.cv ? schemeLabel(run.cv.scheme) : null
  if ((run.kind === 'cv' || run.kind === 'trial') && cv) return { kind: 'cv', label: cv }
  if (run.testShare > 0) {
    const holdout = `held-out ${Math.round(run.testShare * 100)}%`
    return { kind: 'holdout', label: cv ? `${holdout} after ${cv}` : holdout }
  }
  return cv ? { kind: 'cv', label: cv } : { kind: 'none', label: 'not validated' }
}
