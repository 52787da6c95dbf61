import type { FamilyInfo } from '../family'
import { LINEAR_REGRESSION_DEFAULTS, LinearRegression } from '../linear-regression'

/** Ordinary least squares and ridge regression for numeric targets. */
export const linregFamily: FamilyInfo = {
  id: 'linreg',
  label: 'Linear regression',
  tasks: ['regression'],
  handlesMissing: false,
  defaults: { ...LINEAR_REGRESSION_DEFAULTS },
  params: [
    {
      name: 'alpha',
      label: 'Ridge penalty (alpha)',
      type: 'number',
      min: 0,
      max: 1e6,
      step: 0.1,
      help: '0 fits ordinary least squares. Larger values shrink the coefficients towards zero (ridge regression), which steadies them when features are correlated or rows are few. The intercept is never shrunk.',
    },
    { name: 'fitIntercept', label: 'Fit intercept', type: 'boolean', help: 'Learn a baseline value. Leave on unless a prediction of 0 for all-zero features is required.' },
  ],
  create: (params) => new LinearRegression(params),
  fromJSON: (json) => LinearRegression.fromJSON(json),
}
