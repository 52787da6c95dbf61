/**
 * Logistic and linear regression as ai.onnx.ml LinearClassifier and
 * LinearRegressor over the feature matrix.
 */
import type { ModelJSON } from '../../model/estimator'
import { GraphBuilder, ML_DOMAIN } from './graph'

/**
 * Logistic regression: class probabilities [N, k]. A binary model has one
 * row of weights (the positive class); it is written as two classes with
 * scores [0, z] and SOFTMAX, which is exactly [1 − σ(z), σ(z)]. The
 * classifier's own label output is not used: the label follows the bundle's
 * decision threshold (outputs.ts).
 */
export function logisticNodes(g: GraphBuilder, X: string, json: ModelJSON): string {
  const coef = json.coef as number[]
  const intercept = json.intercept as number[]
  const p = json.features as number
  const binary = intercept.length === 1
  const classes = binary ? 2 : intercept.length
  const [label, scores] = g.nodeOutputs('LinearClassifier', [X], 2, {
    coefficients: { floats: binary ? [...new Array(p).fill(0), ...coef] : coef },
    intercepts: { floats: binary ? [0, intercept[0]] : intercept },
    classlabels_ints: Array.from({ length: classes }, (_, c) => c),
    multi_class: 0,
    post_transform: 'SOFTMAX',
  }, ML_DOMAIN)
  g.annotate(label, 'int64', ['N'])
  return g.annotate(scores, 'float', ['N', classes])
}

/** Linear regression: the value [N, 1]. */
export function linearRegressionNodes(g: GraphBuilder, X: string, json: ModelJSON): string {
  return g.mlNode('LinearRegressor', [X], { coefficients: { floats: json.coef as number[] }, intercepts: { floats: [json.intercept as number] }, targets: 1 }, 'float', ['N', 1])
}
