/**
 * Parameter checks the tree families share beyond params.ts: limits that may be
 * null (no limit), maxFeatures ('sqrt' | 'log2' | a fraction) and the seed.
 * Every bad value throws a StudioError naming the parameter and its range.
 */
import { StudioError } from '../../errors'
import { numberParam } from '../params'

/** Deepest tree the families accept; deeper is never useful on tabular data and risks huge models. */
export const MAX_DEPTH_LIMIT = 64

/** A parameter value as text for messages; NaN (an emptied number field) stays NaN rather than JSON's null. */
function shown(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value)
}

/** null (no limit) or an integer in [min, max]. */
export function nullableIntParam(family: string, name: string, value: unknown, min: number, max: number): number | null {
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new StudioError('bad-param', `${family}: ${name} = ${shown(value)} is invalid; expected null (no limit) or an integer in [${min}, ${max}]`)
  }
  return value
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

/** A seed: any integer a 32-bit generator accepts. */
export function seedParam(family: string, value: unknown): number {
  return numberParam(family, 'seed', value, -2147483648, 4294967295, { integer: true })
}
