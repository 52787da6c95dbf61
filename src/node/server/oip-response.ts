/**
 * Open Inference Protocol responses: model metadata (one input tensor per
 * input column: FP64 for numbers, BYTES for categories) and inference
 * outputs built from core's BatchResult:
 *   label          BYTES [n]            the predicted class (classifiers)
 *   probabilities  FP64  [n, classes]   row-major, classes in the order of the
 *                                       tensor's parameter "classes"
 *   value          FP64  [n]            the prediction (regression)
 *   contributions  FP64  [n, inputs]    with explain: per model input column
 *                                       (after cleaning), in the order of
 *                                       the parameter "columns"
 *   expected_value FP64  [n]            with explain: what contributions add to
 * A row a validation rule refused is null in every output; why is in the
 * response parameter "issues". Parameter values are strings, numbers or
 * booleans as the protocol defines them, so lists travel as JSON text.
 */
import type { BatchResult, RowResult } from '../../core/bundle/predict-types'
import type { OipOutputName, OipRequest } from './oip-payload'
import type { ServedModel } from './served-model'

interface Tensor {
  name: string
  datatype: string
  shape: number[]
  parameters?: Record<string, string | number | boolean>
  data: (number | string | null)[]
}

const metadataCache = new WeakMap<ServedModel, Record<string, unknown>>()

/** GET /v2/models/{name}[/versions/{v}]: name, versions, platform, input and output tensors. */
export function modelMetadata(model: ServedModel, versions: string[]): Record<string, unknown> {
  let base = metadataCache.get(model)
  if (!base) {
    const { bundle, inputSchema } = model.predictor
    const classes = bundle.task === 'regression' ? 0 : bundle.target.labels.length
    base = {
      name: model.name,
      platform: `clinical-ml-studio/${bundle.model.family}`,
      inputs: inputSchema.map((column) => ({ name: column.name, datatype: column.type === 'number' ? 'FP64' : 'BYTES', shape: [-1] })),
      outputs:
        classes === 0
          ? [{ name: 'value', datatype: 'FP64', shape: [-1] }]
          : [
              { name: 'label', datatype: 'BYTES', shape: [-1] },
              { name: 'probabilities', datatype: 'FP64', shape: [-1, classes] },
            ],
    }
    metadataCache.set(model, base)
  }
  return { ...base, versions }
}

/** The infer response for `result`, with the outputs the request asked for (all when it named none). */
export function inferResponse(model: ServedModel, request: OipRequest, result: BatchResult): Record<string, unknown> {
  const { bundle } = model.predictor
  const rows = result.rows
  const n = rows.length
  const wanted = (name: OipOutputName) => request.outputs === null || request.outputs.includes(name)
  const outputs: Tensor[] = []
  if (bundle.task === 'regression') {
    if (wanted('value')) outputs.push({ name: 'value', datatype: 'FP64', shape: [n], data: rows.map((r) => r?.value ?? null) })
  } else {
    const classes = bundle.target.labels
    if (wanted('label')) outputs.push({ name: 'label', datatype: 'BYTES', shape: [n], data: rows.map((r) => r?.label ?? null) })
    if (wanted('probabilities')) {
      outputs.push({ name: 'probabilities', datatype: 'FP64', shape: [n, classes.length], parameters: { classes: JSON.stringify(classes) }, data: probabilityData(rows, classes) })
    }
  }
  if (request.explain) {
    // Contributions are per column the pipeline takes: after cleaning, which may split one raw column in two.
    const columns = bundle.pipeline.inputs.map((c) => c.name)
    const first = rows.find((r) => r?.explanation)?.explanation
    if (wanted('contributions')) {
      const data: (number | null)[] = new Array(n * columns.length)
      rows.forEach((r, i) => columns.forEach((c, j) => (data[i * columns.length + j] = r?.explanation?.contributions[c] ?? null)))
      const parameters: Record<string, string> = { columns: JSON.stringify(columns) }
      if (first) Object.assign(parameters, { method: first.method, space: first.space })
      outputs.push({ name: 'contributions', datatype: 'FP64', shape: [n, columns.length], parameters, data })
    }
    if (wanted('expected_value')) outputs.push({ name: 'expected_value', datatype: 'FP64', shape: [n], data: rows.map((r) => r?.explanation?.expectedValue ?? null) })
  }
  const response: Record<string, unknown> = { model_name: model.name, model_version: model.version }
  if (request.id !== undefined) response.id = request.id
  const parameters: Record<string, string> = {}
  if (result.warnings.length > 0) parameters.warnings = JSON.stringify(result.warnings)
  if (result.issues.length > 0) parameters.issues = JSON.stringify(result.issues)
  if (Object.keys(parameters).length > 0) response.parameters = parameters
  response.outputs = outputs
  return response
}

/** Row-major probabilities in `classes` order; nulls for a refused row. */
function probabilityData(rows: readonly (RowResult | null)[], classes: readonly string[]): (number | null)[] {
  const k = classes.length
  const data: (number | null)[] = new Array(rows.length * k)
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]?.probabilities
    for (let c = 0; c < k; c++) data[i * k + c] = p ? (p[classes[c]] ?? null) : null
  }
  return data
}
