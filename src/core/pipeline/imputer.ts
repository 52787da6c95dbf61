import { StudioError } from '../errors'
import type { CategoryColumn, Column, NumericColumn, Table } from '../types'
import { Float64Slab } from '../table/column-slab'
import type { ImputeStrategy } from './config'
import { categoryColumn, levelCounts, mapColumns, numberColumn } from './columns'
import { countOf, formatCount, formatValue } from './format'
import { countPresent, meanAndStd, median, modeSorted, sortedFinite } from './stats'
import { jsonArray, notFitted, type FeatureSource, type PipelineStep, type StepDescription, type StepJSON } from './steps'

/** How one column is imputed. */
export interface ImputeSpec {
  name: string
  type: 'number' | 'category'
  strategy: ImputeStrategy
  /** The fill of strategy 'constant' (a number for numeric columns, text for category columns). */
  fillValue?: number | string
  /** Add "<name>__missing" (1 = missing, 0 = present), computed before filling. */
  indicator: boolean
}

/** What fitting learned for one column. */
interface FittedImpute extends ImputeSpec {
  /** The value missing cells get; null for strategy 'none'. */
  fill: number | string | null
  /** Training rows with a value, and training rows in all (null in bundles of the first studio version). */
  present: number | null
  rows: number | null
  /** True when every training row was missing, so the fallback fill was used. */
  fallback: boolean
}

/** Fill of a column missing in every training row: nothing can be learned, so 0 or "missing". */
export const FALLBACK_FILL = { number: 0, category: 'missing' } as const

/** Suffix of the missing-indicator column added for a column. */
export const MISSING_SUFFIX = '__missing'

/**
 * Fills missing cells (NaN, ±Infinity, or a missing category) with a value
 * learned from the training rows: median, mean or most frequent value, or a
 * given constant; 'none' leaves them missing. The optional indicator column is
 * computed from the cells before filling, so the model can still tell that a
 * value was missing. A column missing in every training row cannot teach a
 * fill and gets FALLBACK_FILL instead; `describe` and `emptyColumns` report it.
 */
export class Imputer implements PipelineStep {
  readonly kind = 'impute'
  private fitted: FittedImpute[] | null = null
  /** fitted by column name, built on first transform (reset by fit). */
  private byName: Map<string, FittedImpute> | null = null

  constructor(private readonly specs: ImputeSpec[]) {
    for (const spec of specs) {
      const allowed = spec.type === 'number' ? ['median', 'mean', 'most-frequent', 'constant', 'none'] : ['most-frequent', 'constant', 'none']
      if (!allowed.includes(spec.strategy)) {
        throw new StudioError('bad-param', `impute: strategy "${spec.strategy}" for ${spec.type} column "${spec.name}" is invalid; expected one of ${allowed.join(', ')}`)
      }
      if (spec.strategy === 'constant' && typeof spec.fillValue !== (spec.type === 'number' ? 'number' : 'string')) {
        throw new StudioError('bad-param', `impute: constant fill ${JSON.stringify(spec.fillValue)} for "${spec.name}" is invalid; expected ${spec.type === 'number' ? 'a number' : 'text'}`)
      }
    }
  }

  fit(table: Table): void {
    this.byName = null
    this.fitted = this.specs.map((spec) => {
      const column = spec.type === 'number' ? numberColumn(table, spec.name, 'impute') : categoryColumn(table, spec.name, 'impute')
      const learned = column.type === 'number' ? learnNumber(column, spec) : learnCategory(column, spec)
      return { ...spec, ...learned, rows: table.rowCount }
    })
  }

  /** Columns missing in every training row (filled with the fallback). */
  get emptyColumns(): string[] {
    return (this.fitted ?? []).filter((f) => f.fallback).map((f) => f.name)
  }

  /** The learned fill value of a column (null when its strategy is 'none'). */
  fillValue(name: string): number | string | null | undefined {
    return this.fitted?.find((f) => f.name === name)?.fill
  }

  transform(table: Table): Table {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = this.byName ?? (this.byName = new Map(this.fitted.map((f) => [f.name, f])))
    let numbers = 0
    for (const column of table.columns) {
      const spec = column.type === 'number' ? byName.get(column.name) : undefined
      if (spec) numbers += spec.indicator ? 2 : 1
    }
    const slab = new Float64Slab(table.rowCount, numbers)
    return mapColumns(table, (column) => {
      const spec = byName.get(column.name)
      if (!spec) return column
      return column.type === 'number' ? fillNumber(column, spec, slab) : fillCategory(column, spec)
    })
  }

  /** Each indicator column follows its column, from the same source (as transform places it). */
  mapSources(columns: FeatureSource[]): FeatureSource[] {
    if (!this.fitted) throw notFitted(this.kind)
    const indicated = new Set(this.fitted.filter((f) => f.indicator).map((f) => f.name))
    return columns.flatMap((c) => (indicated.has(c.name) ? [c, { name: c.name + MISSING_SUFFIX, source: c.source }] : [c]))
  }

  toJSON(): StepJSON {
    if (!this.fitted) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.fitted }
  }

  /** Rebuilds a fitted imputer, including the `{ numeric, columns: string[], fills }` form of the first bundle version. */
  static fromJSON(json: StepJSON): Imputer {
    const columns = jsonArray<FittedImpute | string>(json, 'columns')
    const fitted: FittedImpute[] = columns.map((entry) => {
      if (typeof entry !== 'string') return entry
      // First-version bundles: median or mean for numbers, most frequent for categories, no indicators.
      const fill = (json.fills as Record<string, number | string>)[entry]
      const type = typeof fill === 'number' ? 'number' : 'category'
      const strategy = type === 'number' ? (json.numeric as ImputeStrategy) : 'most-frequent'
      return { name: entry, type, strategy, indicator: false, fill, present: null, rows: null, fallback: false }
    })
    const step = new Imputer(fitted.map(({ name, type, strategy, fillValue, indicator }) => ({ name, type, strategy, fillValue, indicator })))
    step.fitted = fitted
    return step
  }

  describe(): StepDescription[] {
    if (!this.fitted) throw notFitted(this.kind)
    return this.fitted
      .filter((f) => f.strategy !== 'none' || f.indicator)
      .map((f) => {
        const columns = f.indicator ? [f.name, f.name + MISSING_SUFFIX] : [f.name]
        const suffix = f.indicator ? `; adds ${f.name}${MISSING_SUFFIX} (1 = missing, 0 = present), set before filling` : ''
        return { step: this.kind, columns, detail: `${f.name}: ${fillText(f)}${suffix}` }
      })
  }
}

function learnNumber(column: NumericColumn, spec: ImputeSpec): Pick<FittedImpute, 'fill' | 'present' | 'fallback'> {
  if (spec.strategy === 'mean') {
    const { count, mean } = meanAndStd(column.values)
    return count === 0 ? { fill: FALLBACK_FILL.number, present: 0, fallback: true } : { fill: mean, present: count, fallback: false }
  }
  if (spec.strategy === 'median') {
    const count = countPresent(column.values)
    return count === 0 ? { fill: FALLBACK_FILL.number, present: 0, fallback: true } : { fill: median(column.values), present: count, fallback: false }
  }
  if (spec.strategy === 'most-frequent') {
    const sorted = sortedFinite(column.values)
    if (sorted.length === 0) return { fill: FALLBACK_FILL.number, present: 0, fallback: true }
    return { fill: modeSorted(sorted), present: sorted.length, fallback: false }
  }
  const present = countPresent(column.values)
  // '+ 0' keeps a -0 constant from changing sign through JSON.
  return { fill: spec.strategy === 'constant' ? (spec.fillValue as number) + 0 : null, present, fallback: false }
}

function learnCategory(column: CategoryColumn, spec: ImputeSpec): Pick<FittedImpute, 'fill' | 'present' | 'fallback'> {
  const counts = levelCounts(column)
  let present = 0
  let best = -1
  for (let i = 0; i < counts.length; i++) {
    present += counts[i]
    if (counts[i] === 0) continue
    // Ties go to the alphabetically first value, as scikit-learn's SimpleImputer does.
    if (best < 0 || counts[i] > counts[best] || (counts[i] === counts[best] && column.levels[i] < column.levels[best])) best = i
  }
  if (spec.strategy === 'most-frequent') {
    return best < 0 ? { fill: FALLBACK_FILL.category, present: 0, fallback: true } : { fill: column.levels[best], present, fallback: false }
  }
  return { fill: spec.strategy === 'constant' ? (spec.fillValue as string) : null, present, fallback: false }
}

function fillNumber(column: NumericColumn, spec: FittedImpute, slab: Float64Slab): Column[] {
  const source = column.values
  const n = source.length
  // With 'none', missing stays missing, but ±Infinity still becomes NaN.
  const fill = spec.fill === null ? NaN : (spec.fill as number)
  const values = slab.next()
  const indicator = spec.indicator ? slab.next() : null
  for (let i = 0; i < n; i++) {
    const v = source[i]
    if (v - v === 0) values[i] = v
    else {
      values[i] = fill
      if (indicator) indicator[i] = 1
    }
  }
  const filled: Column = { name: column.name, type: 'number', values }
  return indicator ? [filled, { name: column.name + MISSING_SUFFIX, type: 'number', values: indicator }] : [filled]
}

function fillCategory(column: CategoryColumn, spec: FittedImpute): Column[] {
  const source = column.codes
  const n = source.length
  let levels = column.levels
  let fillCode = -1
  if (spec.fill !== null) {
    fillCode = levels.indexOf(spec.fill as string)
    if (fillCode < 0) {
      levels = [...levels, spec.fill as string]
      fillCode = levels.length - 1
    }
  }
  const codes = new Int32Array(n)
  const indicator = spec.indicator ? new Float64Array(n) : null
  for (let i = 0; i < n; i++) {
    const code = source[i]
    if (code >= 0) codes[i] = code
    else {
      codes[i] = fillCode
      if (indicator) indicator[i] = 1
    }
  }
  const filled: Column = { name: column.name, type: 'category', codes, levels }
  return indicator ? [filled, { name: column.name + MISSING_SUFFIX, type: 'number', values: indicator }] : [filled]
}

function fillText(f: FittedImpute): string {
  const value = typeof f.fill === 'number' ? formatValue(f.fill) : JSON.stringify(f.fill)
  if (f.fallback) {
    return `missing in all ${countOf(f.rows ?? 0, 'training row')}, so no ${f.strategy === 'most-frequent' ? 'most frequent value' : f.strategy} can be learned; missing cells get ${value} instead`
  }
  if (f.strategy === 'none') return 'missing cells stay missing'
  if (f.strategy === 'constant') return `missing cells get the constant ${value}`
  const what = f.strategy === 'most-frequent' ? 'most frequent value' : f.strategy
  if (f.present === null || f.rows === null) return `missing cells get the ${what} ${value} of the training rows`
  const from = f.present === f.rows ? countOf(f.rows, 'training row') : `the ${formatCount(f.present)} of ${countOf(f.rows, 'training row')} with a value`
  return `${what} ${value} from ${from}`
}
