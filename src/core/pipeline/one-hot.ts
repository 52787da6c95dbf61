import { StudioError } from '../errors'
import type { CategoryColumn, Column, Table } from '../types'
import type { UnseenCategory } from './config'
import { categoryColumn, levelCounts, mapColumns } from './columns'
import { countOf, formatList } from './format'
import { jsonArray, notFitted, type FeatureSource, type PipelineStep, type StepDescription, type StepJSON } from './steps'

/** How one category column is one-hot encoded. */
export interface OneHotSpec {
  name: string
  /** Keep at most this many of the most frequent training categories; the rest share the "other" column. */
  maxCategories: number
  /** Where a category never seen in the training rows goes: all zeros, or the "other" column. */
  unseen: UnseenCategory
}

interface FittedOneHot extends OneHotSpec {
  /** Kept categories, alphabetical; one column each. */
  categories: string[]
  /** Training categories beyond maxCategories, alphabetical; they map to the other column. */
  rare: string[]
  /** The other column's category label ("other"), or null when there is no other column. */
  other: string | null
  /** Training rows in rare categories, and training rows in all. */
  rareRows: number
  rows: number
}

/**
 * Replaces each category column with one 0/1 column per kept category, named
 * "<column>=<category>", in alphabetical order, plus "<column>=other" when
 * categories were capped or unseen values go to 'other'. Kept categories are
 * the `maxCategories` most frequent in the training rows (ties alphabetical).
 * A missing cell (imputation 'none') is all zeros: it is no category, and the
 * missing indicator is the way to tell the model about it. An unseen category
 * is all zeros (unseen 'zeros') or the other column (unseen 'other'; when
 * nothing was capped, that column exists anyway and is all zeros in training,
 * so a model gives it no weight and variance selection may drop it).
 */
export class OneHotEncoder implements PipelineStep {
  readonly kind = 'one-hot'
  private fitted: FittedOneHot[] | null = null

  constructor(private readonly specs: OneHotSpec[]) {
    for (const spec of specs) {
      if (!(Number.isInteger(spec.maxCategories) && spec.maxCategories >= 1)) {
        throw new StudioError('bad-param', `one-hot: maxCategories = ${spec.maxCategories} for "${spec.name}" is invalid; expected an integer ≥ 1`)
      }
      if (spec.unseen !== 'zeros' && spec.unseen !== 'other') {
        throw new StudioError('bad-param', `one-hot: unseen = ${JSON.stringify(spec.unseen)} for "${spec.name}" is invalid; expected zeros or other`)
      }
    }
  }

  fit(table: Table): void {
    this.fitted = this.specs.map((spec) => {
      const column = categoryColumn(table, spec.name, 'one-hot')
      const counts = levelCounts(column)
      const seen: number[] = []
      for (let code = 0; code < counts.length; code++) if (counts[code] > 0) seen.push(code)
      const levels = column.levels
      seen.sort((a, b) => counts[b] - counts[a] || (levels[a] < levels[b] ? -1 : levels[a] > levels[b] ? 1 : 0))
      const keep = seen.slice(0, spec.maxCategories)
      const rest = seen.slice(spec.maxCategories)
      const categories = keep.map((c) => levels[c]).sort()
      const rare = rest.map((c) => levels[c]).sort()
      const rareRows = rest.reduce((sum, c) => sum + counts[c], 0)
      const other = rare.length > 0 || spec.unseen === 'other' ? otherLabel(categories) : null
      return { ...spec, categories, rare, other, rareRows, rows: table.rowCount }
    })
  }

  transform(table: Table): Table {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = new Map(this.fitted.map((f) => [f.name, f]))
    return mapColumns(table, (column) => {
      const f = byName.get(column.name)
      if (!f) return column
      if (column.type !== 'category') throw new Error(`one-hot: "${column.name}" is not a category column of "${table.name}"`)
      return encode(column, f)
    })
  }

  /** Each encoded column becomes its 0/1 columns, all from the column's source. */
  mapSources(columns: FeatureSource[]): FeatureSource[] {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = new Map(this.fitted.map((f) => [f.name, f]))
    return columns.flatMap((c) => {
      const f = byName.get(c.name)
      return f ? outputNames(f).map((name) => ({ name, source: c.source })) : [c]
    })
  }

  toJSON(): StepJSON {
    if (!this.fitted) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.fitted }
  }

  /** Rebuilds a fitted encoder, including the `{ columns: string[], categories }` form of the first bundle version. */
  static fromJSON(json: StepJSON): OneHotEncoder {
    const fitted = jsonArray<FittedOneHot | string>(json, 'columns').map((entry): FittedOneHot => {
      if (typeof entry !== 'string') return entry
      // First-version bundles kept every training category and sent unseen ones to all zeros.
      const categories = (json.categories as Record<string, string[]>)[entry] ?? []
      return { name: entry, maxCategories: Math.max(1, categories.length), unseen: 'zeros', categories, rare: [], other: null, rareRows: 0, rows: 0 }
    })
    const step = new OneHotEncoder(fitted.map(({ name, maxCategories, unseen }) => ({ name, maxCategories, unseen })))
    step.fitted = fitted
    return step
  }

  describe(): StepDescription[] {
    if (!this.fitted) throw notFitted(this.kind)
    return this.fitted.map((f) => {
      const names = outputNames(f)
      const kept = f.rare.length > 0
        ? `the ${f.categories.length} most frequent of ${f.categories.length + f.rare.length} training categories (${formatList(f.categories)}); the other ${f.rare.length} (${countOf(f.rareRows, 'training row')}) go to ${f.name}=${f.other}`
        : `${countOf(f.categories.length, 'training category', 'training categories')} (${formatList(f.categories)})`
      const unseen = f.unseen === 'other' ? `${f.name}=${f.other}` : 'all zeros'
      const empty = f.categories.length === 0 ? '; no category in the training rows' : ''
      return { step: this.kind, columns: names, detail: `${f.name}: one-hot over ${kept}${empty}; unseen categories → ${unseen}; missing → all zeros` }
    })
  }
}

/** The other column's label: "other", or "(other)" when "other" is itself a kept category. */
function otherLabel(categories: string[]): string {
  let label = 'other'
  while (categories.includes(label)) label = `(${label})`
  return label
}

function outputNames(f: FittedOneHot): string[] {
  const names = f.categories.map((c) => `${f.name}=${c}`)
  if (f.other !== null) names.push(`${f.name}=${f.other}`)
  return names
}

function encode(column: CategoryColumn, f: FittedOneHot): Column[] {
  const index = new Map(f.categories.map((c, k) => [c, k]))
  const rare = new Set(f.rare)
  const otherIndex = f.other === null ? -1 : f.categories.length
  // Output column of each of this table's level codes; -1 = all zeros.
  const target = Int32Array.from(column.levels, (level) => index.get(level) ?? (rare.has(level) || f.unseen === 'other' ? otherIndex : -1))
  const outputs = outputNames(f).map((name): { name: string; type: 'number'; values: Float64Array } => ({ name, type: 'number', values: new Float64Array(column.codes.length) }))
  const codes = column.codes
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]
    if (code < 0) continue
    const k = target[code]
    if (k >= 0) outputs[k].values[i] = 1
  }
  return outputs
}
