import type { FamilyInfo } from '../family'
import { GBDT_PARAMS } from '../param-specs/gbdt'
import { GRADIENT_BOOSTING_DEFAULTS, GradientBoosting } from '../tree/gradient-boosting'

/** Gradient-boosted trees (XGBoost-style): usually the most accurate family on tables. */
export const gbdtFamily: FamilyInfo = {
  id: 'gbdt',
  label: 'Gradient boosting',
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: true,
  // Early stopping on by default in the studio: the page then shows validation loss per round and keeps the best round.
  defaults: { ...GRADIENT_BOOSTING_DEFAULTS, earlyStoppingRounds: 20 },
  params: GBDT_PARAMS.filter((p) => !p.hidden),
  defaultSearch: ['learningRate', 'maxDepth', 'lambda'],
  create: (params) => new GradientBoosting(params),
  fromJSON: (json) => GradientBoosting.fromJSON(json),
}
