/**
 * The server's Prometheus metrics (prom-client, one registry per server so
 * tests can run several): HTTP requests and latency by route, and per model
 * version what it predicted (rows, classes, scores) and what it was asked
 * (missing, out-of-training-range and unseen-category inputs per feature),
 * the signals a drift alert is built on. Label children are cached per model
 * version, so recording a request costs no label hashing.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { BatchResult } from '../../core/bundle/predict-types'
import { BatchHistogram, type Series } from './batch-histogram'
import type { ModelSnapshot, ServedModel } from './served-model'

/** Per feature, how many request rows had it missing, outside the training range, or in a category training never saw. */
export interface FeatureQuality {
  feature: string
  missing: number
  outOfRange: number
  unseen: number
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
const SCORE_BUCKETS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]

type CounterChild = ReturnType<Counter<string>['labels']>
type HistogramChild = ReturnType<Histogram<string>['labels']>

/** One model version's pre-labelled instruments. */
interface ModelInstruments {
  rows: CounterChild
  refused: CounterChild
  classes: Map<string, CounterChild>
  score: Series | null
  value: Series | null
  /** Probability column of the score: the positive class (binary); null: the predicted class (multiclass). */
  scoreClass: string | null
  features: Map<string, { missing: CounterChild; outOfRange: CounterChild; unseen: CounterChild }>
}

export class ServerMetrics {
  readonly registry = new Registry()
  private readonly requests: Counter<'method' | 'route' | 'status'>
  private readonly latency: Histogram<'method' | 'route'>
  private readonly rows: Counter<'model' | 'version'>
  private readonly refused: Counter<'model' | 'version'>
  private readonly classes: Counter<'model' | 'version' | 'class'>
  private readonly score: BatchHistogram
  private readonly value: BatchHistogram
  private readonly missing: Counter<'model' | 'version' | 'feature'>
  private readonly outOfRange: Counter<'model' | 'version' | 'feature'>
  private readonly unseen: Counter<'model' | 'version' | 'feature'>
  private readonly modelInfo: Gauge<'model' | 'version' | 'stage' | 'family' | 'task'>
  private readonly requestChildren = new Map<string, { count: CounterChild; latency: HistogramChild }>()
  private readonly models = new WeakMap<ServedModel, ModelInstruments>()

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry]
    if (options.processMetrics !== false) {
      collectDefaultMetrics({ register: this.registry })
      // prom-client names three gauges *_total, which promtool (rightly) flags: counts go in the versions without the suffix.
      for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name)
    }
    this.requests = new Counter({ name: 'studio_http_requests_total', help: 'HTTP requests answered, by method, route and status.', labelNames: ['method', 'route', 'status'], registers })
    this.latency = new Histogram({ name: 'studio_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route.', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers })
    this.rows = new Counter({ name: 'studio_predicted_rows_total', help: 'Rows answered with a prediction.', labelNames: ['model', 'version'], registers })
    this.refused = new Counter({ name: 'studio_refused_rows_total', help: 'Rows a validation rule of the bundle refused (answered with null).', labelNames: ['model', 'version'], registers })
    this.classes = new Counter({ name: 'studio_predicted_class_total', help: 'Predicted labels, by class (classifiers).', labelNames: ['model', 'version', 'class'], registers })
    this.score = new BatchHistogram(
      'studio_prediction_score',
      'Predicted probability: of the positive class (binary), of the predicted class (multiclass).',
      SCORE_BUCKETS,
      registers,
    )
    this.value = new BatchHistogram('studio_predicted_value', "Predicted values (regression); buckets are the model's reference score edges when its bundle has them.", [], registers)
    this.missing = new Counter({ name: 'studio_input_missing_total', help: 'Request rows with the feature missing.', labelNames: ['model', 'version', 'feature'], registers })
    this.outOfRange = new Counter({ name: 'studio_input_out_of_range_total', help: 'Request rows with the feature outside the range seen in training.', labelNames: ['model', 'version', 'feature'], registers })
    this.unseen = new Counter({ name: 'studio_input_unseen_category_total', help: 'Request rows with a category of the feature that training never saw.', labelNames: ['model', 'version', 'feature'], registers })
    this.modelInfo = new Gauge({ name: 'studio_model_info', help: 'Models served (1 per model version), with stage, family and task.', labelNames: ['model', 'version', 'stage', 'family', 'task'], registers })
  }

  /** Records one answered request; `route` is the route's pattern (never the raw URL). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`
    let child = this.requestChildren.get(key)
    if (!child) {
      child = { count: this.requests.labels(method, route, String(status)), latency: this.latency.labels(method, route) }
      this.requestChildren.set(key, child)
    }
    child.count.inc()
    child.latency.observe(seconds)
  }

  /** Records what a model version answered for one request, and what its inputs looked like. */
  observeBatch(model: ServedModel, result: BatchResult, quality: readonly FeatureQuality[]): void {
    const m = this.instruments(model)
    let answered = 0
    // Labels counted here first: one counter increment per class and request, not per row.
    let labels: Map<string, number> | null = null
    for (const row of result.rows) {
      if (row === null) continue
      answered++
      if (row.label !== undefined) {
        labels ??= new Map()
        labels.set(row.label, (labels.get(row.label) ?? 0) + 1)
        const probabilities = row.probabilities
        if (m.score && probabilities) m.score.observe(probabilities[m.scoreClass ?? row.label] ?? 0)
      } else if (row.value !== undefined && m.value) {
        m.value.observe(row.value)
      }
    }
    if (labels) {
      for (const [label, count] of labels) {
        let child = m.classes.get(label)
        if (!child) m.classes.set(label, (child = this.classes.labels(model.name, model.version, label)))
        child.inc(count)
      }
    }
    if (answered > 0) m.rows.inc(answered)
    if (answered < result.rows.length) m.refused.inc(result.rows.length - answered)
    for (const q of quality) {
      if (q.missing + q.outOfRange + q.unseen === 0) continue
      let f = m.features.get(q.feature)
      if (!f) {
        const labels = [model.name, model.version, q.feature]
        m.features.set(q.feature, (f = { missing: this.missing.labels(...labels), outOfRange: this.outOfRange.labels(...labels), unseen: this.unseen.labels(...labels) }))
      }
      if (q.missing > 0) f.missing.inc(q.missing)
      if (q.outOfRange > 0) f.outOfRange.inc(q.outOfRange)
      if (q.unseen > 0) f.unseen.inc(q.unseen)
    }
  }

  /** Sets studio_model_info to the models served now. */
  setModels(snapshot: ModelSnapshot): void {
    this.modelInfo.reset()
    for (const model of snapshot.all()) {
      const { bundle } = model.predictor
      this.modelInfo.labels(model.name, model.version, model.stage ?? '', bundle.model.family, bundle.task).set(1)
    }
  }

  /** The text Prometheus scrapes. */
  text(): Promise<string> {
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }

  private instruments(model: ServedModel): ModelInstruments {
    let m = this.models.get(model)
    if (m) return m
    const { bundle } = model.predictor
    const labels = { model: model.name, version: model.version }
    const classifier = bundle.task !== 'regression'
    m = {
      rows: this.rows.labels(labels),
      refused: this.refused.labels(labels),
      classes: new Map(),
      score: classifier ? this.score.child(labels) : null,
      value: classifier ? null : this.value.child(labels, referenceEdges(bundle)),
      scoreClass: bundle.task === 'binary' ? (bundle.target.positiveLabel ?? bundle.target.labels[1] ?? null) : null,
      features: new Map(),
    }
    this.models.set(model, m)
    return m
  }
}

/** A regression model's reference score edges (bundle v2), as histogram bounds; none for a bundle without them. */
function referenceEdges(bundle: unknown): number[] {
  const edges = (bundle as { reference?: { scores?: { edges?: unknown } } | null }).reference?.scores?.edges
  return Array.isArray(edges) ? edges.filter((e): e is number => typeof e === 'number' && Number.isFinite(e)) : []
}
