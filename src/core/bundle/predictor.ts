import { modelFromJSON } from '../model/registry'
import type { Model } from '../model/estimator'
import { argmaxRows } from '../model/estimator'
import { FeaturePipeline } from '../pipeline/pipeline'
import type { Table } from '../types'
import { parseBundle, type ModelBundle } from './bundle'

export interface Predictions {
  /** Predicted label per row (classification); empty for regression. */
  labels: string[]
  /** Class probabilities, row-major n × classes, in `classes` order (classification); empty for regression. */
  proba: Float64Array
  classes: string[]
  /** Predicted value per row (regression); empty for classification. */
  values: Float64Array
}

/**
 * Predicts from a model bundle: the only prediction path, used by the page,
 * batch scoring and the Node server alike, so training and serving cannot drift.
 */
export class Predictor {
  private constructor(
    readonly bundle: ModelBundle,
    private readonly pipeline: FeaturePipeline,
    private readonly model: Model,
  ) {}

  static fromBundle(json: unknown): Predictor {
    const bundle = parseBundle(json)
    return new Predictor(bundle, FeaturePipeline.fromJSON(bundle.pipeline), modelFromJSON(bundle.model))
  }

  predict(table: Table): Predictions {
    const X = this.pipeline.transform(table)
    if (this.bundle.task === 'regression') {
      return { labels: [], proba: new Float64Array(0), classes: [], values: this.model.predict(X) }
    }
    const classes = this.bundle.target.labels
    const proba = this.model.predictProba(X)
    const index = argmaxRows(proba, classes.length)
    return { labels: Array.from(index, (c) => classes[c]), proba, classes, values: new Float64Array(0) }
  }
}
