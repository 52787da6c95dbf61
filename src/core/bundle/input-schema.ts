import type { PipelineJSON } from '../pipeline/pipeline'
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
 * the categories the pipeline knows, the range of numbers in the training
 * rows (`trainRows`, positions in the cleaned table), the unit — and whether a
 * missing cell still gets a prediction (the pipeline or model handles it, and
 * no "required" rule refuses it).
 */
export function rawInputSchema(sources: readonly InputSource[], plan: CleaningPlan, pipeline: PipelineJSON, family: string, trainRows: Int32Array): InputColumn[] {
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
    if (known) out.categories = [...known]
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
