import type { FamilyInfo } from '../family'
import { LOGISTIC_DEFAULTS, LogisticRegression } from '../logistic'

export const logisticFamily: FamilyInfo = {
  id: 'logistic',
  label: 'Logistic regression',
  tasks: ['binary', 'multiclass'],
  handlesMissing: false,
  defaults: { ...LOGISTIC_DEFAULTS },
  params: [
    { name: 'C', label: 'Regularisation C', type: 'number', min: 0.0001, max: 1e6, step: 0.1, help: 'Inverse strength of the L2 penalty, as in scikit-learn. Smaller values shrink coefficients more and guard against overfitting.' },
    { name: 'maxIterations', label: 'Maximum iterations', type: 'integer', min: 1, max: 100000, step: 50, help: 'Upper limit on L-BFGS iterations. The solver usually stops earlier, when the gradient is flat.' },
    { name: 'tolerance', label: 'Tolerance', type: 'number', min: 1e-12, max: 1, step: 1e-6, help: 'Stop when no coefficient can improve the mean loss by more than this per unit step.' },
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
  ],
  create: (params) => new LogisticRegression(params),
  fromJSON: (json) => LogisticRegression.fromJSON(json),
}
