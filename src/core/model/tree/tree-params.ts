/**
 * What the tree families share beyond their parameter specs (param-specs/):
 * the depth limit, and maxFeatures ('sqrt' | 'log2' | a fraction), which
 * accepts more than the form's choices and so is checked here.
 */
import { StudioError } from '../../errors'

/** Deepest tree the families accept; deeper is never useful on tabular data and risks huge models. */
export const MAX_DEPTH_LIMIT = 64

/** A parameter value as text for messages; NaN (an emptied number field) stays NaN rather than JSON's null. */
function shown(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value)
}

/** Features drawn per split: the square root or log2 of the feature count, or a fraction of it. */
export type MaxFeatures = 'sqrt' | 'log2' | number

/** 'sqrt', 'log2' or a fraction of the features in (0, 1]. */
export function maxFeaturesParam(family: string, value: unknown): MaxFeatures {
  if (value === 'sqrt' || value === 'log2') return value
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1) return value
  throw new StudioError('bad-param', `${family}: maxFeatures = ${shown(value)} is invalid; expected "sqrt", "log2" or a fraction in (0, 1]`)
}

/** Features drawn per split for `p` features, as scikit-learn counts them (at least 1). */
export function featuresPerSplit(maxFeatures: MaxFeatures, p: number): number {
  const k = maxFeatures === 'sqrt' ? Math.sqrt(p) : maxFeatures === 'log2' ? Math.log2(p) : maxFeatures * p
  return Math.min(p, Math.max(1, Math.floor(k)))
}
