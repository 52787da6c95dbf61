import type { FamilyInfo } from '../family'
import { LINREG_PARAMS } from '../param-specs/linreg'
import { LINEAR_REGRESSION_DEFAULTS, LinearRegression } from '../linear-regression'

/** Ordinary least squares and ridge regression for numeric targets. */
export const linregFamily: FamilyInfo = {
  id: 'linreg',
  label: 'Linear regression',
  tasks: ['regression'],
  handlesMissing: false,
  defaults: { ...LINEAR_REGRESSION_DEFAULTS },
  params: LINREG_PARAMS.filter((p) => !p.hidden),
  defaultSearch: ['alpha'],
  create: (params) => new LinearRegression(params),
  fromJSON: (json) => LinearRegression.fromJSON(json),
}
