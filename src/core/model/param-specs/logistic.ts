import type { ParamSpec } from '../param-spec'

/**
 * Logistic regression's parameters (see ../param-spec.ts):
 * - C (0, 1e6]: the inverse penalty strength, as scikit-learn's; C = 0 would
 *   divide by zero. (The form started at 0.0001.)
 * - tolerance (0, 1]: the solver stops when the gradient is below it; 0 never
 *   stops. (The form started at 1e-12.)
 * - l1Ratio [0, 1]: the lasso share of an elastic net; maxIterations ≥ 1.
 */
export const LOGISTIC_PARAMS: ParamSpec[] = [
  {
    name: 'penalty',
    label: 'Penalty',
    type: 'choice',
    help: 'How coefficients are held back from overfitting. Ridge (L2) shrinks them all a little; lasso (L1) sets the least useful ones to exactly zero, leaving a shorter list of features; elastic net mixes the two; none fits the data as closely as it can.',
    choices: [
      { value: 'l2', label: 'Ridge (L2)' },
      { value: 'l1', label: 'Lasso (L1)' },
      { value: 'elasticnet', label: 'Elastic net' },
      { value: 'none', label: 'None' },
    ],
  },
  { name: 'C', minExclusive: true, search: { type: 'float', min: 0.001, max: 100, log: true }, label: 'Regularisation C', type: 'number', min: 0, max: 1e6, step: 0.1, help: 'Inverse strength of the penalty, as in scikit-learn. Smaller values shrink coefficients more and guard against overfitting. Not used when the penalty is none.' },
  { name: 'l1Ratio', label: 'L1 ratio', type: 'number', min: 0, max: 1, step: 0.05, help: 'Elastic net only: how much of the penalty is lasso. 0 is pure ridge, 1 is pure lasso; higher values zero out more features.' },
  { name: 'maxIterations', label: 'Maximum iterations', type: 'integer', min: 1, max: 100000, step: 50, help: 'Upper limit on solver iterations. The solver usually stops earlier, when the fit stops improving.' },
  { name: 'tolerance', minExclusive: true, search: { type: 'float', min: 1e-8, max: 0.001, log: true }, label: 'Tolerance', type: 'number', min: 0, max: 1, step: 1e-6, help: 'Stop when no coefficient can improve the mean loss by more than this per unit step.' },
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
  { name: 'fitIntercept', label: 'Fit intercept', type: 'boolean', help: 'Learn a baseline log-odds. Leave on unless features are centred on purpose.' },
]
