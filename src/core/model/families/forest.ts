import type { FamilyInfo } from '../family'
import { MAX_BINS } from '../tree/binning'
import { MAX_MIN_SAMPLES_LEAF } from '../tree/decision-tree'
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
  params: [
    { name: 'nTrees', label: 'Number of trees', type: 'integer', min: 1, max: 5000, step: 10, help: 'More trees give steadier predictions and take longer; past a few hundred the gain is small.' },
    { name: 'maxDepth', label: 'Maximum depth', type: 'integer', min: 1, max: 64, step: 1, help: 'Limit on how deep each tree grows; empty lets trees grow until their leaves are pure, as is usual for forests.' },
    { name: 'minSamplesLeaf', label: 'Minimum rows per leaf', type: 'integer', min: 1, max: MAX_MIN_SAMPLES_LEAF, step: 1, help: 'Every leaf of every tree must hold at least this many rows; larger values smooth the probabilities.' },
    {
      name: 'maxFeatures',
      label: 'Features per split',
      type: 'choice',
      help: 'How many randomly drawn features each split may choose from; fewer makes trees more different from each other.',
      choices: [
        { value: 'sqrt', label: 'Square root of the feature count' },
        { value: 'log2', label: 'Log2 of the feature count' },
        { value: '0.33', label: 'A third of the features' },
        { value: '0.5', label: 'Half of the features' },
        { value: '1', label: 'All features' },
      ],
    },
    { name: 'maxBins', label: 'Value bins per feature', type: 'integer', min: 2, max: MAX_BINS, step: 1, help: 'Numbers are grouped into at most this many ranges before splitting; 255 is nearly exact, fewer is faster and coarser.' },
    {
      name: 'classWeight',
      label: 'Class weights',
      type: 'choice',
      help: 'Balanced weighs rare classes up so the forest does not ignore them.',
      choices: [
        { value: 'none', label: 'Equal' },
        { value: 'balanced', label: 'Balanced' },
      ],
    },
    { name: 'oobScore', label: 'Out-of-bag score', type: 'boolean', help: 'Score each tree on the rows its bootstrap sample left out: a free estimate of accuracy, for about 5% more training time.' },
  ],
  create: (params) => new RandomForest(forestParams(params)),
  fromJSON: (json) => RandomForest.fromJSON(json),
}
