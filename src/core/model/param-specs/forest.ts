import { MAX_BINS } from '../tree/binning'
import { MAX_DEPTH_LIMIT } from '../tree/tree-params'
import type { ParamSpec } from '../param-spec'
import { MAX_MIN_SAMPLES_LEAF } from './tree'

/**
 * The random forest's parameters (see ../param-spec.ts). maxFeatures is
 * offered as a choice but accepts "sqrt", "log2" or any fraction in (0, 1]
 * (tree/tree-params.ts checks it). The seed is hidden: the run's seed sets it.
 */
export const FOREST_PARAMS: ParamSpec[] = [
  { name: 'nTrees', label: 'Number of trees', type: 'integer', min: 1, max: 5000, step: 10, help: 'More trees give steadier predictions and take longer; past a few hundred the gain is small.' },
  { name: 'maxDepth', nullable: true, search: { type: 'int', min: 4, max: 20 }, label: 'Maximum depth', type: 'integer', min: 1, max: MAX_DEPTH_LIMIT, step: 1, help: 'Limit on how deep each tree grows; empty lets trees grow until their leaves are pure, as is usual for forests.' },
  { name: 'minSamplesLeaf', search: { type: 'int', min: 1, max: 20, log: true }, label: 'Minimum rows per leaf', type: 'integer', min: 1, max: MAX_MIN_SAMPLES_LEAF, step: 1, help: 'Every leaf of every tree must hold at least this many rows; larger values smooth the probabilities.' },
  {
    name: 'maxFeatures',
    customCheck: true,
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
  // The run's seed sets it (fitModel); any integer a 32-bit generator accepts.
  { name: 'seed', hidden: true, label: 'Seed', type: 'integer', min: -2147483648, max: 4294967295, step: 1, help: 'Seeds the sampling.' },
]
