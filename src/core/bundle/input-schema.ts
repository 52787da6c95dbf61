import type { PipelineJSON } from '../pipeline/pipeline'
import { numberText } from '../clean/values'
import type { Column, Table } from '../types'
import type { InputColumn, ReplayStep } from './bundle'
import type { CleaningPlan } from './cleaning-plan'
import { missingHandled } from './missing-allowed'

/** Where the training values of one raw input column are found. */
export interface InputSource {
  /** The column in the raw table (before cleaning): its type is how requests are read. */
  raw: Column
  /** The same-named column after cleaning, when cleaning kept it (not a split source). */
  cleaned: Column | null
  /** For a split source: the steps that split it. */
  split: Extract<ReplayStep, { kind: 'split' }> | null
}

/** Each raw column a request must carry, in the raw table's order, with where its values are. */
export function inputSources(raw: Table, cleaned: Table, plan: CleaningPlan): InputSource[] {
  return raw.columns
    .filter((c) => plan.rawColumns.has(c.name))
    .map((column) => ({
      raw: column,
      cleaned: cleaned.columns.find((c) => c.name === column.name) ?? null,
      split: (plan.steps.find((s) => s.kind === 'split' && s.column === column.name) as InputSource['split']) ?? null,
    }))
}

/**
 * The bundle's input schema: per raw column, how its cells are read (`type`
 * of the training file) and what training saw after the row-level cleaning —
 * the categories the pipeline knows (as values a request can send, see
 * sendableCategories), the range of numbers in the training rows
 * (`trainRows`: positions in the cleaned table; `rawTrainRows`: the same rows
 * in the raw table), the unit — and whether a missing cell still gets a
 * prediction (the pipeline or model handles it, and no "required" rule
 * refuses it).
 */
export function rawInputSchema(sources: readonly InputSource[], plan: CleaningPlan, pipeline: PipelineJSON, family: string, trainRows: Int32Array, rawTrainRows: Int32Array): InputColumn[] {
  const required = new Set<string>()
  for (const step of plan.steps) if (step.kind === 'validate') for (const rule of step.rules) if (rule.kind === 'required') required.add(rule.column)
  const allowsMissing = (name: string): boolean => !required.has(name) && missingHandled(pipeline, family, name)
  return sources.map(({ raw, cleaned, split }): InputColumn => {
    const name = raw.name
    if (split) {
      const unit = split.unit === undefined ? '' : ` (unit: ${split.unit})`
      return {
        name,
        type: raw.type,
        missingAllowed: !required.has(name) && split.into.every(allowsMissing),
        description: `split at "${split.separator}" into ${split.into.map((c) => `"${c}"`).join(', ')}${unit}`,
      }
    }
    const out: InputColumn = { name, type: raw.type, missingAllowed: allowsMissing(name) }
    const known = pipeline.inputs.find((c) => c.name === name)?.categories
    if (known && cleaned) out.categories = sendableCategories(known, raw, cleaned, trainRows, rawTrainRows)
    if (cleaned?.type === 'number') {
      let min = Infinity
      let max = -Infinity
      for (let i = 0; i < trainRows.length; i++) {
        const v = cleaned.values[trainRows[i]]
        if (!Number.isFinite(v)) continue
        if (v < min) min = v
        if (v > max) max = v
      }
      if (min <= max) {
        out.min = min
        out.max = max
      }
    }
    if (cleaned?.description) out.description = cleaned.description
    return out
  })
}

/**
 * The pipeline's categories of a column as values a request can send: the
 * category itself when some training row held exactly that value raw (so the
 * cleaning leaves it as it is — cleaning one cell depends on that cell
 * alone), else the most frequent raw value training rows held for it. A form
 * offering these sends values that clean to the categories the model knows:
 * "Male" stays "Male"; a 0/1 column read as no/yes offers "0" and "1".
 */
function sendableCategories(known: readonly string[], raw: Column, cleaned: Column, trainRows: Int32Array, rawTrainRows: Int32Array): string[] {
  if (cleaned.type !== 'category') return [...known]
  const rawText = (p: number): string | null => {
    if (raw.type === 'number') return Number.isNaN(raw.values[p]) ? null : numberText(raw.values[p])
    return raw.codes[p] < 0 ? null : raw.levels[raw.codes[p]]
  }
  const byCategory = new Map<string, Map<string, number>>(known.map((c) => [c, new Map()]))
  for (let i = 0; i < trainRows.length; i++) {
    const code = cleaned.codes[trainRows[i]]
    const text = rawText(rawTrainRows[i])
    if (code < 0 || text === null) continue
    const counts = byCategory.get(cleaned.levels[code])
    counts?.set(text, (counts.get(text) ?? 0) + 1)
  }
  return known.map((category) => {
    const counts = byCategory.get(category)!
    if (counts.has(category) || counts.size === 0) return category
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]
  })
}
