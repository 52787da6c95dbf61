import { MAX_BINS } from '../tree/binning'
import { MAX_DEPTH_LIMIT } from '../tree/tree-params'
import type { ParamSpec } from '../param-spec'

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
