import { MAX_BINS } from '../tree/binning'
import { MAX_DEPTH_LIMIT } from '../tree/tree-params'
import type { ParamSpec } from '../param-spec'

/**
 * Gradient boosting's parameters (see ../param-spec.ts). The valid ranges are
 * what the method is defined for, and the estimator refuses anything else:
 * - learningRate (0, 1]: the shrinkage of each tree; 0 learns nothing, above 1
 *   overshoots every Newton step (XGBoost's eta is [0, 1] and 0 is useless).
 *   The form used to start at 0.001 while the estimator took any positive value.
 * - subsample, colsampleByTree (0, 1]: shares of rows and features; an empty
 *   share draws nothing. (The form started at 0.05.)
 * - validationFraction (0, 0.5]: early stopping needs held-back rows, and more
 *   than half leaves too few to learn from. (The form started at 0.01.)
 * - minChildWeight, lambda, alpha, minGain ≥ 0: penalties and thresholds; the
 *   upper bounds only keep the numbers finite.
 * - maxDepth 1–64 or none (then maxLeaves must be set), maxLeaves 2–65,536 or
 *   none, maxBins 2–255 (a binned value is one byte).
 * `search` is the useful part of a range, where a search spends its trials.
 */
export const GBDT_PARAMS: ParamSpec[] = [
  { name: 'nRounds', label: 'Boosting rounds', type: 'integer', min: 1, max: 10000, step: 10, help: 'How many trees are added one after another, each correcting the errors of those before.' },
  { name: 'learningRate', search: { type: 'float', min: 0.02, max: 0.3, log: true }, label: 'Learning rate', type: 'number', min: 0, minExclusive: true, max: 1, step: 0.01, help: 'How much each tree may change the prediction; smaller values need more rounds but generalise better.' },
  { name: 'maxDepth', nullable: true, search: { type: 'int', min: 2, max: 8 }, label: 'Maximum depth', type: 'integer', min: 1, max: MAX_DEPTH_LIMIT, step: 1, help: 'How deep each tree may grow; 3 to 8 suits most tables, deeper trees capture more interactions and overfit sooner.' },
  { name: 'maxLeaves', nullable: true, label: 'Maximum leaves', type: 'integer', min: 2, max: 65536, step: 1, help: 'If set, trees grow best split first (as LightGBM) up to this many leaves, still within the maximum depth (empty that for no depth limit); empty grows level by level.' },
  { name: 'minChildWeight', label: 'Minimum child weight', type: 'number', min: 0, max: 1e6, step: 0.5, help: 'Each leaf needs at least this much evidence (sum of hessians, about the row count for regression); larger values make trees more cautious.' },
  { name: 'lambda', search: { type: 'float', min: 0.01, max: 10, log: true }, label: 'L2 regularisation', type: 'number', min: 0, max: 1e6, step: 0.1, help: 'Shrinks leaf values toward zero, most for leaves with few rows; guards against overfitting.' },
  { name: 'alpha', label: 'L1 regularisation', type: 'number', min: 0, max: 1e6, step: 0.1, help: 'Sets leaf values with weak evidence to exactly zero; useful when many features are noise.' },
  { name: 'minGain', label: 'Minimum split gain', type: 'number', min: 0, max: 1e9, step: 0.1, help: 'A split must lower the loss by at least this much (XGBoost gamma); larger values give smaller trees.' },
  { name: 'subsample', search: { type: 'float', min: 0.5, max: 1 }, label: 'Row subsample', type: 'number', min: 0, minExclusive: true, max: 1, step: 0.05, help: 'Share of rows each round learns from, drawn at random; below 1 adds randomness that often helps generalisation.' },
  { name: 'colsampleByTree', search: { type: 'float', min: 0.5, max: 1 }, label: 'Feature subsample per tree', type: 'number', min: 0, minExclusive: true, max: 1, step: 0.05, help: 'Share of features each tree may use, drawn at random; below 1 decorrelates trees and speeds up fitting.' },
  { name: 'earlyStoppingRounds', nullable: true, label: 'Early stopping rounds', type: 'integer', min: 1, max: 10000, step: 1, help: 'If set, part of the training rows is held back and fitting stops once their loss has not improved for this many rounds; empty trains all rounds.' },
  { name: 'validationFraction', search: { type: 'float', min: 0.05, max: 0.3 }, label: 'Validation share', type: 'number', min: 0, minExclusive: true, max: 0.5, step: 0.05, help: 'Share of training rows held back to decide early stopping (only used when early stopping is on).' },
  { name: 'maxBins', label: 'Value bins per feature', type: 'integer', min: 2, max: MAX_BINS, step: 1, help: 'Numbers are grouped into at most this many ranges before splitting; 255 is nearly exact, fewer is faster and coarser.' },
  {
    name: 'classWeight',
    label: 'Class weights',
    type: 'choice',
    help: 'Balanced weighs rare classes up so the model does not ignore them.',
    choices: [
      { value: 'none', label: 'Equal' },
      { value: 'balanced', label: 'Balanced' },
    ],
  },
  // The run's seed sets it (fitModel); any integer a 32-bit generator accepts.
  { name: 'seed', hidden: true, label: 'Seed', type: 'integer', min: -2147483648, max: 4294967295, step: 1, help: 'Seeds the sampling.' },
]
