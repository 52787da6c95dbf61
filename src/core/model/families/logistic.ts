import type { FamilyInfo } from '../family'
import { LOGISTIC_PARAMS } from '../param-specs/logistic'
import { LOGISTIC_DEFAULTS, LogisticRegression } from '../logistic'

export const logisticFamily: FamilyInfo = {
  id: 'logistic',
  label: 'Logistic regression',
  tasks: ['binary', 'multiclass'],
  handlesMissing: false,
  defaults: { ...LOGISTIC_DEFAULTS },
  params: LOGISTIC_PARAMS.filter((p) => !p.hidden),
  defaultSearch: ['C'],
  create: (params) => new LogisticRegression(params),
  fromJSON: (json) => LogisticRegression.fromJSON(json),
}
