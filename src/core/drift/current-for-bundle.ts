import type { ModelBundleV2, ReplayStep } from '../bundle/bundle'
import { InputError } from '../bundle/input-error'
import { recordColumns } from '../bundle/predictor'
import { tableToSchema } from '../bundle/records'
import { replayCleaning } from '../bundle/replay'
import { takeRows } from '../table/access'
import type { Column, Table } from '../types'

/**
 * The current data as a bundle's reference statistics describe the training
 * rows: read by the model's raw input schema and cleaned by its replayed
 * row-level steps (units stripped, text standardised, rows a validation rule
 * drops left out), with the very functions the Predictor runs. Bad input does
 * not stop the report:
 * - a reference column absent from the file is listed in `missing`;
 * - a column that cannot be read as the model's type (text where numbers were,
 *   or numbers where the model knew text categories such as "male") is listed
 *   in `typeChanged` with the type it holds;
 * steps and rules on those columns are skipped, so the other columns are
 * still cleaned as in training and no row is dropped for their sake.
 */
export interface CurrentForBundle {
  /** Per reference column name, its current values after cleaning (kept rows only). */
  columns: Map<string, Column>
  /** Rows compared: the current rows the replayed validation rules kept. */
  rows: number
  missing: string[]
  typeChanged: Map<string, 'number' | 'category'>
  warnings: string[]
}

export function currentForBundle(bundle: ModelBundleV2, current: Table): CurrentForBundle {
  const reference = bundle.reference
  const refColumns = reference ? reference.columns : []
  const byName = new Map(current.columns.map((c) => [c.name, c]))
  const schema = recordColumns(bundle)
  const missing = refColumns.filter((c) => !byName.has(c.name)).map((c) => c.name)
  const typeChanged = new Map<string, 'number' | 'category'>()
  const n = current.rowCount
  const read: Column[] = schema.map((spec) => {
    const column = byName.get(spec.name)
    if (!column) return emptyColumn(spec.name, spec.type, n)
    const ref = refColumns.find((c) => c.name === spec.name)
    // Numbers where the model knew text categories that are not numbers ("male"): the column changed what it records.
    if (column.type === 'number' && spec.type === 'category' && ref?.type === 'category' && (ref.frequencies ?? []).some((f) => Number.isNaN(Number(f.value)))) {
      typeChanged.set(spec.name, 'number')
      return emptyColumn(spec.name, spec.type, n)
    }
    try {
      return tableToSchema({ name: current.name, rowCount: n, columns: [column] }, [spec]).columns[0]
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      typeChanged.set(spec.name, column.type)
      return emptyColumn(spec.name, spec.type, n)
    }
  })
  const skipped = new Set([...missing, ...typeChanged.keys()])
  const raw: Table = { name: current.name, rowCount: n, columns: read }
  const replayed = replayCleaning(raw, stepsWithout(bundle.cleaning.steps, skipped))
  const keptRaw = replayed.kept.length === n ? raw : takeRows(raw, replayed.kept)
  const columns = new Map<string, Column>()
  for (const ref of refColumns) {
    if (skipped.has(ref.name)) continue
    const cleaned = replayed.table.columns.find((c) => c.name === ref.name)
    const rawColumn = keptRaw.columns.find((c) => c.name === ref.name)
    const column = cleaned && cleaned.type === ref.type ? cleaned : rawColumn && rawColumn.type === ref.type ? rawColumn : cleaned ?? rawColumn
    if (column) columns.set(ref.name, column)
  }
  const warnings: string[] = []
  const refused = n - replayed.kept.length
  if (refused > 0) {
    warnings.push(`${refused} of ${n} current rows were refused by the model's validation rules (as in training) and left out of the comparison`)
  }
  return { columns, rows: replayed.kept.length, missing, typeChanged, warnings }
}

function emptyColumn(name: string, type: 'number' | 'category', n: number): Column {
  return type === 'number' ? { name, type, values: new Float64Array(n).fill(NaN) } : { name, type, codes: new Int32Array(n).fill(-1), levels: [] }
}

/** The cleaning steps without those on `columns` (and without their rules), so absent or unreadable columns change no other column's rows. */
function stepsWithout(steps: readonly ReplayStep[], columns: ReadonlySet<string>): ReplayStep[] {
  if (columns.size === 0) return [...steps]
  // A skipped split never makes its parts, so steps on the parts go too.
  const gone = new Set(columns)
  const out: ReplayStep[] = []
  for (const step of steps) {
    if (step.kind === 'convert') {
      if (!gone.has(step.column)) out.push(step)
    } else if (step.kind === 'split') {
      if (gone.has(step.column)) step.into.forEach((c) => gone.add(c))
      else out.push(step)
    } else if (step.kind === 'standardize-text') {
      const kept = step.columns.filter((c) => !gone.has(c))
      if (kept.length > 0) out.push({ ...step, columns: kept })
    } else {
      const rules = step.rules.filter((r) => !gone.has(r.column))
      if (rules.length > 0) out.push({ ...step, rules })
    }
  }
  return out
}
