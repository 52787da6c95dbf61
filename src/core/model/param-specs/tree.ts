import { MAX_BINS } from '../tree/binning'
import { MAX_DEPTH_LIMIT } from '../tree/tree-params'
import type { ParamSpec } from '../param-spec'

/** Largest minSamplesLeaf accepted (and offered by the page). */
export const MAX_MIN_SAMPLES_LEAF = 100_000
/** Largest minGain accepted (and offered by the page); regression impurity has no natural bound. */
export const MAX_MIN_GAIN = 1e9

/**
 * The decision tree's parameters (see ../param-spec.ts): maxDepth 1–64 or none,
 * at least one row per leaf, a non-negative minimum impurity decrease, 2–255 bins.
 */
export const TREE_PARAMS: ParamSpec[] = [
  { name: 'maxDepth', nullable: true, search: { type: 'int', min: 2, max: 12 }, label: 'Maximum depth', type: 'integer', min: 1, max: MAX_DEPTH_LIMIT, step: 1, help: 'How many questions deep the tree may go. Deeper trees follow the training rows more closely and overfit sooner.' },
  { name: 'minSamplesLeaf', search: { type: 'int', min: 1, max: 50, log: true }, label: 'Minimum rows per leaf', type: 'integer', min: 1, max: MAX_MIN_SAMPLES_LEAF, step: 1, help: 'Every final group of rows must hold at least this many, so no rule rests on one or two patients.' },
  { name: 'minGain', label: 'Minimum impurity decrease', type: 'number', min: 0, max: MAX_MIN_GAIN, step: 0.001, help: 'A split must make the groups purer by at least this much (weighted by their share of rows); larger values give smaller trees.' },
  { name: 'maxBins', label: 'Value bins per feature', type: 'integer', min: 2, max: MAX_BINS, step: 1, help: 'Numbers are grouped into at most this many ranges before splitting; 255 is nearly exact, fewer is faster and coarser.' },
  {
    name: 'classWeight',
    label: 'Class weights',
    type: 'choice',
    help: 'Balanced weighs rare classes up so the tree does not ignore them.',
    choices: [
      { value: 'none', label: 'Equal' },
      { value: 'balanced', label: 'Balanced' },
    ],
  },
]
