import type { FamilyInfo } from '../family'
import { FOREST_PARAMS } from '../param-specs/forest'
import { RANDOM_FOREST_DEFAULTS, RandomForest } from '../tree/random-forest'

/**
 * The page offers maxFeatures as a choice list, so fractions arrive as text
 * ('0.5'); the estimator takes 'sqrt', 'log2' or a number.
 */
function forestParams(params: Record<string, unknown>): Record<string, unknown> {
  const m = params.maxFeatures
  return typeof m === 'string' && m !== 'sqrt' && m !== 'log2' && m.trim() !== '' && Number.isFinite(Number(m)) ? { ...params, maxFeatures: Number(m) } : params
}

/** Random forest: many decorrelated trees on bootstrap samples, averaged. */
export const forestFamily: FamilyInfo = {
  id: 'forest',
  label: 'Random forest',
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: true,
  defaults: { ...RANDOM_FOREST_DEFAULTS },
  params: FOREST_PARAMS.filter((p) => !p.hidden),
  defaultSearch: ['maxDepth', 'minSamplesLeaf'],
  create: (params) => new RandomForest(forestParams(params)),
  fromJSON: (json) => RandomForest.fromJSON(json),
}
