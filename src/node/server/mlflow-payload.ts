/**
 * MLflow's scoring payloads (`POST /invocations` with application/json) read
 * into core's RecordsInput: column names and rows of the cells exactly as they
 * arrived. What a cell means (a number, a category, missing) is core's to
 * decide (Predictor.predictRecords); this file only finds the rows and names.
 *
 * The four shapes MLflow accepts:
 *   {"dataframe_split": {"columns": [...], "data": [[...], ...]}}   pandas' split orient
 *   {"dataframe_records": [{"col": value, ...}, ...]}              pandas' records orient
 *   {"instances": [...]}                                           TF-serving rows
 *   {"inputs": ...}                                                TF-serving columns or rows
 * `instances` and `inputs` rows may be records (objects) or arrays in the
 * model's input order; `inputs` may also be columns: {"col": [values...]}.
 * MLflow's optional "params" object may carry `explain`.
 */
import type { RecordsInput } from '../../core/bundle/predict-types'
import { shapeError } from './errors'

export const MLFLOW_KEYS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const

/** What an /invocations JSON body asks for. */
export interface MlflowRequest {
  input: RecordsInput
  /** `params.explain` when the body carries it (the query string can too). */
  explain: boolean
}

/**
 * Reads an MLflow JSON body. `inputOrder` is the model's input column order,
 * used for rows given as arrays without names.
 */
export function readMlflowBody(body: unknown, inputOrder: readonly string[]): MlflowRequest {
  if (!isPlainObject(body)) {
    throw shapeError(`invocations: the body is ${describe(body)}; expected a JSON object with one of ${MLFLOW_KEYS.join(', ')}`, `an object with one of ${MLFLOW_KEYS.join(', ')}`)
  }
  const present = MLFLOW_KEYS.filter((key) => body[key] !== undefined)
  if (present.length !== 1) {
    const found = Object.keys(body).slice(0, 5).map((k) => JSON.stringify(k)).join(', ') || 'no keys'
    throw shapeError(
      present.length === 0
        ? `invocations: the body has ${found}; expected exactly one of ${MLFLOW_KEYS.join(', ')}`
        : `invocations: the body has ${present.join(' and ')}; send exactly one of them`,
      `exactly one of ${MLFLOW_KEYS.join(', ')}`,
    )
  }
  const key = present[0]
  const value = body[key]
  const input =
    key === 'dataframe_split' ? readSplit(value, inputOrder)
    : key === 'dataframe_records' ? readRecords(value, key)
    : key === 'instances' ? readRows(value, key, inputOrder)
    : readInputs(value, inputOrder)
  return { input, explain: readExplainParam(body.params) }
}

/** `params.explain` (true or "true"); anything else in params is ignored, as MLflow ignores unknown params. */
function readExplainParam(params: unknown): boolean {
  if (!isPlainObject(params)) return false
  return params.explain === true || params.explain === 'true'
}

/** pandas' split orient: {"columns": [...], "data": [[...]]}; "index" is ignored. Without columns, data follows the model's input order. */
function readSplit(value: unknown, inputOrder: readonly string[]): RecordsInput {
  if (!isPlainObject(value)) throw shapeError(`dataframe_split is ${describe(value)}; expected an object with "columns" and "data"`, 'an object with "columns" and "data"')
  const { columns, data } = value
  if (columns !== undefined && (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string'))) {
    throw shapeError(`dataframe_split.columns is ${describe(columns)}; expected an array of column names`, 'an array of column names')
  }
  const names = (columns as string[] | undefined) ?? [...inputOrder]
  return { columns: names, rows: requireRowArrays(data, 'dataframe_split.data', names.length) }
}

/** An array of rows, each an array of `width` cells. */
function requireRowArrays(value: unknown, field: string, width: number): unknown[][] {
  if (!Array.isArray(value)) throw shapeError(`${field} is ${describe(value)}; expected an array of rows`, 'an array of rows')
  for (let i = 0; i < value.length; i++) {
    const row = value[i]
    if (!Array.isArray(row) || row.length !== width) {
      throw shapeError(`${field}[${i}] is ${describe(row)}; expected an array of ${width} values, one per column`, `an array of ${width} values`, { row: i })
    }
  }
  return value as unknown[][]
}

/**
 * Records (objects) to rows: columns in order of first appearance; a key a
 * record lacks is a missing value (null), as a JSON null is.
 */
export function recordsToInput(records: readonly unknown[], field: string): RecordsInput {
  if (records.length === 1) {
    // The common single-record request: no union of keys to build.
    const record = records[0]
    if (!isPlainObject(record)) throw notARecord(record, field, 0)
    return { columns: Object.keys(record), rows: [Object.values(record)] }
  }
  const index = new Map<string, number>()
  const columns: string[] = []
  for (let i = 0; i < records.length; i++) {
    const record = records[i]
    if (!isPlainObject(record)) throw notARecord(record, field, i)
    for (const key in record) {
      if (!index.has(key)) index.set(key, columns.push(key) - 1)
    }
  }
  const width = columns.length
  const rows = new Array<unknown[]>(records.length)
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Record<string, unknown>
    const row = new Array<unknown>(width).fill(null)
    for (const key in record) row[index.get(key) as number] = record[key]
    rows[i] = row
  }
  return { columns, rows }
}

function notARecord(value: unknown, field: string, row: number) {
  return shapeError(`${field}[${row}] is ${describe(value)}; expected an object of column: value`, 'an object of column: value', { row })
}

function readRecords(value: unknown, field: string): RecordsInput {
  if (!Array.isArray(value)) throw shapeError(`${field} is ${describe(value)}; expected an array of records`, 'an array of records')
  return recordsToInput(value, field)
}

/** TF-serving rows: records, or arrays in the model's input order (all rows one kind). */
function readRows(value: unknown, field: string, inputOrder: readonly string[]): RecordsInput {
  if (!Array.isArray(value)) throw shapeError(`${field} is ${describe(value)}; expected an array of rows`, 'an array of rows')
  if (value.length > 0 && Array.isArray(value[0])) {
    return { columns: [...inputOrder], rows: requireRowArrays(value, field, inputOrder.length) }
  }
  return recordsToInput(value, field)
}

/** TF-serving `inputs`: rows as `instances`, or columns {"col": [values...]} (a scalar per column is one row). */
function readInputs(value: unknown, inputOrder: readonly string[]): RecordsInput {
  if (Array.isArray(value)) return readRows(value, 'inputs', inputOrder)
  if (!isPlainObject(value)) throw shapeError(`inputs is ${describe(value)}; expected columns {"name": [values]} or an array of rows`, 'columns or an array of rows')
  const columns = Object.keys(value)
  const cells = columns.map((name) => value[name])
  const lengths = cells.map((cell) => (Array.isArray(cell) ? cell.length : -1))
  if (lengths.every((n) => n === -1)) return { columns, rows: [cells] }
  const n = lengths[0]
  const ragged = lengths.findIndex((length) => length !== n)
  if (n < 0 || ragged >= 0) {
    const column = columns[ragged >= 0 ? ragged : 0]
    throw shapeError(`inputs: column "${column}" has ${lengths[ragged >= 0 ? ragged : 0] < 0 ? 'a single value' : `${lengths[ragged >= 0 ? ragged : 0]} values`} where the first has ${n < 0 ? 'a single value' : `${n}`}; every column needs the same number of values`, 'columns of equal length', { column })
  }
  const rows = new Array<unknown[]>(n)
  for (let i = 0; i < n; i++) rows[i] = cells.map((cell) => (cell as unknown[])[i])
  return { columns, rows }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A short description of what arrived, never the value itself (it may be a patient's). */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}
