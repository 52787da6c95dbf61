import type { ParamSpec } from '../param-spec'

/** Linear regression's parameters (see ../param-spec.ts): a ridge penalty alpha ≥ 0 (0 is ordinary least squares). */
export const LINREG_PARAMS: ParamSpec[] = [
  {
    name: 'alpha',
    search: { type: 'float', min: 0.001, max: 100, log: true },
    label: 'Ridge penalty (alpha)',
    type: 'number',
    min: 0,
    max: 1e6,
    step: 0.1,
    help: '0 fits ordinary least squares. Larger values shrink the coefficients towards zero (ridge regression), which steadies them when features are correlated or rows are few. The intercept is never shrunk.',
  },
  { name: 'fitIntercept', label: 'Fit intercept', type: 'boolean', help: 'Learn a baseline value. Leave on unless a prediction of 0 for all-zero features is required.' },
]
