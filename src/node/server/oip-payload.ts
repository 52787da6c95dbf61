/**
 * Open Inference Protocol v2 inference requests read into core's
 * RecordsInput: one input tensor per column (its name is the column),
 * shape [n] or [n, 1], `data` flat in row-major order (a nested [[v], ...]
 * is accepted too). Numbers come as FP64/FP32/INT* tensors, categories as
 * BYTES; a null in `data` is a missing value. This file checks the protocol
 * (shapes, that data matches its declared datatype); what each cell means
 * for the model is core's to decide.
 */
import type { RecordsInput } from '../../core/bundle/predict-types'
import { HttpError, shapeError } from './errors'
import { describe, isPlainObject } from './mlflow-payload'

/** The output tensors this server can answer. */
export const OIP_OUTPUTS = ['label', 'probabilities', 'value', 'contributions', 'expected_value'] as const
export type OipOutputName = (typeof OIP_OUTPUTS)[number]

const NUMERIC_TYPES = new Set(['FP64', 'FP32', 'FP16', 'INT64', 'INT32', 'INT16', 'INT8', 'UINT64', 'UINT32', 'UINT16', 'UINT8'])
const DATATYPES = new Set([...NUMERIC_TYPES, 'BYTES', 'BOOL'])

/** What an infer request asks for. */
export interface OipRequest {
  id: string | undefined
  input: RecordsInput
  explain: boolean
  /** Output tensors asked for by name; null when the request names none (all are answered). */
  outputs: OipOutputName[] | null
}

/** Reads an infer request body. */
export function readInferBody(body: unknown): OipRequest {
  if (!isPlainObject(body)) throw shapeError(`infer: the body is ${describe(body)}; expected a JSON object with "inputs"`, 'an object with "inputs"')
  const { id, parameters, inputs, outputs } = body
  if (id !== undefined && typeof id !== 'string') throw shapeError(`infer: "id" is ${describe(id)}; expected text`, 'text')
  if (parameters !== undefined && !isPlainObject(parameters)) throw shapeError(`infer: "parameters" is ${describe(parameters)}; expected an object`, 'an object')
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw shapeError(`infer: "inputs" is ${describe(inputs)}; expected an array of input tensors, one per column`, 'an array of input tensors')
  }
  const columns = new Array<string>(inputs.length)
  const data = new Array<unknown[]>(inputs.length)
  let n = -1
  for (let t = 0; t < inputs.length; t++) {
    const tensor = readTensor(inputs[t], t)
    if (columns.includes(tensor.name)) throw shapeError(`infer: input tensor "${tensor.name}" is given twice`, 'one tensor per column', { column: tensor.name })
    if (n >= 0 && tensor.data.length !== n) {
      throw shapeError(`infer: input tensor "${tensor.name}" has ${tensor.data.length} rows where "${columns[0]}" has ${n}; every tensor needs the same first dimension`, `${n} rows`, { column: tensor.name })
    }
    n = tensor.data.length
    columns[t] = tensor.name
    data[t] = tensor.data
  }
  const rows = new Array<unknown[]>(n)
  for (let i = 0; i < n; i++) {
    const row = new Array<unknown>(columns.length)
    for (let t = 0; t < columns.length; t++) row[t] = data[t][i]
    rows[i] = row
  }
  return { id, input: { columns, rows }, explain: readExplain(parameters), outputs: readOutputs(outputs) }
}

/** One tensor's name and its cells, checked against its shape and datatype. */
function readTensor(value: unknown, index: number): { name: string; data: unknown[] } {
  if (!isPlainObject(value)) throw shapeError(`infer: inputs[${index}] is ${describe(value)}; expected a tensor {name, shape, datatype, data}`, 'a tensor object')
  const { name, shape, datatype, data } = value
  if (typeof name !== 'string' || name === '') throw shapeError(`infer: inputs[${index}].name is ${describe(name)}; expected the column name`, 'a column name')
  if (typeof datatype !== 'string' || !DATATYPES.has(datatype)) {
    throw shapeError(`infer: input "${name}" has datatype ${typeof datatype === 'string' ? JSON.stringify(datatype.slice(0, 20)) : describe(datatype)}; expected FP64, INT64 (numbers), BYTES (categories) or BOOL`, 'FP64, INT64, BYTES or BOOL', { column: name })
  }
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > 2 || !shape.every((d) => Number.isInteger(d) && d >= 0) || (shape.length === 2 && shape[1] !== 1)) {
    throw shapeError(`infer: input "${name}" has shape ${describeShape(shape)}; expected [n] or [n, 1]: one value per row`, '[n] or [n, 1]', { column: name })
  }
  const rows = shape[0] as number
  const cells = flatten(data, name)
  if (cells.length !== rows) {
    throw shapeError(`infer: input "${name}" has ${cells.length} values for shape ${describeShape(shape)}; expected ${rows}`, `${rows} values`, { column: name })
  }
  checkDatatype(cells, datatype, name)
  return { name, data: cells }
}

/** `data` flat, or nested one level as [[v], [v], ...] for shape [n, 1]. */
function flatten(data: unknown, name: string): unknown[] {
  if (!Array.isArray(data)) throw shapeError(`infer: input "${name}" has data ${describe(data)}; expected an array`, 'an array', { column: name })
  if (data.length === 0 || !Array.isArray(data[0])) return data
  const flat = new Array<unknown>(data.length)
  for (let i = 0; i < data.length; i++) {
    const inner = data[i]
    if (!Array.isArray(inner) || inner.length !== 1) throw shapeError(`infer: input "${name}" data[${i}] is ${describe(inner)}; expected one value per row`, 'one value per row', { column: name, row: i })
    flat[i] = inner[0]
  }
  return flat
}

/** Each cell must be what its tensor's datatype says (or null, a missing value). */
function checkDatatype(cells: unknown[], datatype: string, name: string): void {
  const want = datatype === 'BYTES' ? 'string' : datatype === 'BOOL' ? 'boolean' : 'number'
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]
    if (cell === null || typeof cell === want) continue
    const expected = want === 'string' ? 'text' : want === 'boolean' ? 'true or false' : 'a number'
    throw new HttpError(400, 'input-type', `infer: input "${name}" is ${datatype} but row ${i} holds ${describe(cell)}; expected ${expected} or null`, { row: i, column: name, expected })
  }
}

function readExplain(parameters: Record<string, unknown> | undefined): boolean {
  return parameters?.explain === true || parameters?.explain === 'true'
}

/** The request's `outputs` (names it wants), each one this server answers. */
function readOutputs(outputs: unknown): OipOutputName[] | null {
  if (outputs === undefined) return null
  if (!Array.isArray(outputs)) throw shapeError(`infer: "outputs" is ${describe(outputs)}; expected an array of {name}`, 'an array of {name}')
  return outputs.map((output, i) => {
    const name = isPlainObject(output) ? output.name : undefined
    if (typeof name !== 'string' || !(OIP_OUTPUTS as readonly string[]).includes(name)) {
      throw shapeError(`infer: outputs[${i}] asks for ${typeof name === 'string' ? `"${name.slice(0, 40)}"` : describe(name)}; this server answers ${OIP_OUTPUTS.join(', ')}`, OIP_OUTPUTS.join(', '))
    }
    return name as OipOutputName
  })
}

function describeShape(shape: unknown): string {
  return Array.isArray(shape) && shape.length <= 4 && shape.every((d) => typeof d === 'number') ? `[${shape.join(', ')}]` : describe(shape)
}
