import { StudioError } from '../errors'
import type { Column, NumericColumn, Table, Task } from '../types'
import type { SelectionPlan } from './config'
import { correlationFilter } from './correlation'
import { fRegression } from './f-regression'
import { countOf, formatCount, formatList, formatValue } from './format'
import { MI_BINS, mutualInformation } from './mutual-info'
import { meanAndStd, minMax } from './stats'
import { notFitted, type FeatureSource, type FitContext, type PipelineStep, type StepDescription, type StepJSON } from './steps'

/** Why a feature was left out. */
interface Dropped {
  name: string
  reason: 'variance' | 'correlation' | 'top-k'
  /** The variance, the correlation r, or the score. */
  value: number
  /** The earlier kept feature it correlated with (reason 'correlation'). */
  partner?: string
}

interface FittedSelection {
  /** Features kept, in matrix order. */
  kept: string[]
  dropped: Dropped[]
  /** Score of each feature that reached top-k (mutual information in nats, or F), in matrix order. */
  scores: { name: string; score: number }[]
  /** topK as configured, and as applied after clamping to the features left. */
  topKAsked: number | null
  topKUsed: number | null
  scoreName: 'mutual information' | 'F-statistic' | null
  features: number
  /** Training rows seen, and rows the correlation filter read (fewer above CORRELATION_ROWS; null when off). */
  rows: number
  correlationRows: number | null
}

/**
 * Feature selection over the matrix columns, last in the pipeline, in three
 * filters applied in order, each to the survivors of the one before:
 * 1. variance: drop features whose training variance (population) is ≤ the
 *    threshold; a feature with one distinct value has variance 0 exactly,
 *    whatever the rounding, as scikit-learn's VarianceThreshold ensures too;
 * 2. correlation: walk features in order and drop one whose |Pearson r| with an
 *    earlier kept feature exceeds the threshold (the earlier one wins; a dropped
 *    feature causes no further drops; see correlationFilter for large tables);
 * 3. top-k by a univariate score against the target: mutual information for
 *    classification (see mutualInformation: MI_BINS quantile bins, missing in a
 *    bin of its own), the F-statistic of f_regression for regression. Ties go to
 *    the earlier feature. A topK above the features left keeps all of them and
 *    says so in the summary rather than failing.
 * Variance, correlation and F ignore missing cells; mutual information gives
 * them a bin of their own. Everything is learned from the rows given to fit, so
 * only training rows (and their targets) decide what is kept.
 */
export class Selector implements PipelineStep {
  readonly kind = 'select'
  private fitted: FittedSelection | null = null

  constructor(private readonly plan: SelectionPlan, private readonly task?: Task) {}

  fit(table: Table, context: FitContext = {}): void {
    const columns = table.columns.map((c) => numeric(c))
    const dropped: Dropped[] = []
    let alive = columns
    const { varianceThreshold, correlationThreshold, topK } = this.plan
    if (varianceThreshold !== null) {
      alive = alive.filter((c) => {
        const variance = columnVariance(c.values)
        if (variance > varianceThreshold) return true
        dropped.push({ name: c.name, reason: 'variance', value: variance })
        return false
      })
    }
    let correlationRows: number | null = null
    if (correlationThreshold !== null) {
      const filtered = correlationFilter(alive, correlationThreshold)
      for (const d of filtered.dropped) dropped.push({ name: d.name, reason: 'correlation', value: d.r, partner: d.partner })
      alive = filtered.kept
      correlationRows = filtered.rowsRead
    }
    let scores: FittedSelection['scores'] = []
    let topKUsed: number | null = null
    let scoreName: FittedSelection['scoreName'] = null
    if (topK !== null) {
      const y = checkTarget(context.y, table.rowCount, this.task)
      const classification = this.task !== 'regression'
      scoreName = classification ? 'mutual information' : 'F-statistic'
      const classCount = classification ? maxClass(y) + 1 : 0
      scores = alive.map((c) => ({ name: c.name, score: classification ? mutualInformation(c.values, y, classCount) : fRegression(c.values, y).f }))
      topKUsed = Math.min(topK, alive.length)
      const order = scores.map((_, j) => j).sort((a, b) => scores[b].score - scores[a].score || a - b)
      const chosen = new Uint8Array(alive.length)
      for (let r = 0; r < topKUsed; r++) chosen[order[r]] = 1
      alive = alive.filter((c, j) => {
        if (chosen[j]) return true
        dropped.push({ name: c.name, reason: 'top-k', value: scores[j].score })
        return false
      })
    }
    if (alive.length === 0) {
      throw new StudioError('no-features', `selection: every one of the ${columns.length} features was dropped (${summariseDrops(dropped)}); loosen the selection thresholds`)
    }
    this.fitted = { kept: alive.map((c) => c.name), dropped, scores, topKAsked: topK, topKUsed, scoreName, features: columns.length, rows: table.rowCount, correlationRows }
  }

  /** Names of the kept features. */
  get kept(): string[] {
    if (!this.fitted) throw notFitted(this.kind)
    return this.fitted.kept
  }

  transform(table: Table): Table {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = new Map(table.columns.map((c) => [c.name, c]))
    const columns = this.fitted.kept.map((name) => {
      const column = byName.get(name)
      if (!column) throw new Error(`select: the feature "${name}" is missing from "${table.name}"`)
      return column
    })
    return { name: table.name, rowCount: table.rowCount, columns }
  }

  /** The kept features, in kept order, as transform returns them. */
  mapSources(columns: FeatureSource[]): FeatureSource[] {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = new Map(columns.map((c) => [c.name, c]))
    return this.fitted.kept.map((name) => byName.get(name) ?? { name, source: name })
  }

  toJSON(): StepJSON {
    if (!this.fitted) throw notFitted(this.kind)
    return { kind: this.kind, plan: this.plan, task: this.task ?? null, ...this.fitted }
  }

  static fromJSON(json: StepJSON): Selector {
    const step = new Selector(json.plan as SelectionPlan, (json.task as Task | null) ?? undefined)
    const { kept, dropped, scores, topKAsked, topKUsed, scoreName, features, rows, correlationRows } = json as unknown as FittedSelection
    if (!Array.isArray(kept)) throw new StudioError('bundle-invalid', `pipeline: the select step's "kept" is ${kept === undefined ? 'missing' : typeof kept}; expected an array`)
    step.fitted = { kept, dropped, scores, topKAsked, topKUsed, scoreName, features, rows, correlationRows }
    return step
  }

  describe(): StepDescription[] {
    const f = this.fitted
    if (!f) throw notFitted(this.kind)
    const lines: StepDescription[] = []
    const line = (columns: string[], detail: string): void => void lines.push({ step: this.kind, columns, detail })
    const byVariance = f.dropped.filter((d) => d.reason === 'variance')
    if (byVariance.length > 0) {
      line(byVariance.map((d) => d.name), `dropped ${countOf(byVariance.length, 'feature')} with training variance ≤ ${this.plan.varianceThreshold}: ${formatList(byVariance.map((d) => `${d.name} (${formatValue(d.value)})`))}`)
    }
    const sampled = f.correlationRows !== null && f.correlationRows < f.rows ? ` (r from ${formatCount(f.correlationRows)} evenly spaced of ${formatCount(f.rows)} training rows)` : ''
    for (const d of f.dropped.filter((d) => d.reason === 'correlation')) {
      line([d.name, d.partner as string], `dropped ${d.name}: |r| = ${formatValue(Math.abs(d.value))} with ${d.partner} exceeds ${this.plan.correlationThreshold}${sampled}`)
    }
    if (f.topKAsked !== null && f.topKUsed !== null) {
      const how = f.scoreName === 'mutual information' ? `mutual information with the class (${MI_BINS} quantile bins, missing in a bin of its own)` : 'F-statistic against the target (f_regression)'
      const kept = f.scores.filter((s) => f.kept.includes(s.name))
      if (f.topKAsked > f.topKUsed) line([], `topK = ${f.topKAsked} is more than the ${f.topKUsed} features left; kept all ${f.topKUsed}`)
      line(kept.map((s) => s.name), `kept the ${countOf(f.topKUsed, 'feature')} with the highest ${how}: ${formatList(kept.map((s) => `${s.name} ${formatValue(s.score)}`))}`)
      const out = f.dropped.filter((d) => d.reason === 'top-k')
      if (out.length > 0) line(out.map((d) => d.name), `dropped ${countOf(out.length, 'lower-scoring feature')}: ${formatList(out.map((d) => `${d.name} ${formatValue(d.value)}`))}`)
    }
    line(f.kept, `kept ${formatCount(f.kept.length)} of ${formatCount(f.features)} features`)
    return lines
  }
}

function numeric(column: Column): NumericColumn {
  if (column.type !== 'number') throw new Error(`select: "${column.name}" is still a category column; selection runs after encoding`)
  return column
}

/** Population variance of the finite values; exactly 0 when they are all equal. */
function columnVariance(values: Float64Array): number {
  const { min, max } = minMax(values)
  if (!(max > min)) return 0
  const { std } = meanAndStd(values)
  return std * std
}

function checkTarget(y: Float64Array | undefined, rows: number, task: Task | undefined): Float64Array {
  if (!task) throw new StudioError('bad-param', 'selection: topK needs the task (binary, multiclass or regression); pass it to FeaturePipeline.create')
  if (!y) throw new StudioError('bad-param', 'selection: topK scores features against the target; pass the encoded target to fitTransform')
  if (y.length !== rows) throw new StudioError('bad-param', `selection: the target has ${y.length} values for ${rows} rows; expected one per row`)
  if (task !== 'regression') {
    for (let i = 0; i < y.length; i++) {
      const c = y[i]
      if (!Number.isNaN(c) && !(Number.isInteger(c) && c >= 0)) throw new StudioError('bad-param', `selection: target of row ${i} is ${c}; expected a class index 0, 1, … for ${task} classification`)
    }
  }
  return y
}

function maxClass(y: Float64Array): number {
  let max = 0
  for (let i = 0; i < y.length; i++) if (y[i] > max) max = y[i]
  return max
}

function summariseDrops(dropped: Dropped[]): string {
  const count = (reason: Dropped['reason']): number => dropped.filter((d) => d.reason === reason).length
  return [['variance', 'low variance'], ['correlation', 'correlation'], ['top-k', 'top-k']]
    .filter(([reason]) => count(reason as Dropped['reason']) > 0)
    .map(([reason, label]) => `${count(reason as Dropped['reason'])} for ${label}`)
    .join(', ')
}
