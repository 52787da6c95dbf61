import type { FamilyInfo } from '../family'
import { MLP_PARAMS } from '../param-specs/mlp'
import { MultilayerPerceptron } from '../mlp/mlp'
import { MLP_DEFAULTS } from '../mlp/params'

/**
 * The neural net. Importing this file does not load tfjs: the estimator imports
 * it only inside `fit`, and predicts in plain JavaScript.
 */
export const mlpFamily: FamilyInfo = {
  id: 'mlp',
  label: 'Neural network (MLP)',
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: false,
  defaults: { ...MLP_DEFAULTS, hiddenLayers: [...MLP_DEFAULTS.hiddenLayers] },
  params: MLP_PARAMS.filter((p) => !p.hidden),
  defaultSearch: ['learningRate', 'dropout', 'l2'],
  create: (params) => new MultilayerPerceptron(params),
  fromJSON: (json) => MultilayerPerceptron.fromJSON(json),
}
