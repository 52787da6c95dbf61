/**
 * A small, explicit builder for one ONNX graph: named values, constant
 * tensors (initializers), nodes with typed attributes, graph inputs and
 * outputs, and the model around them. The bytes are written by the static
 * protobufjs module compiled from ONNX's own onnx-ml.proto (proto/), so the
 * wire format is ONNX's, not ours.
 */
import { onnx } from './proto/onnx.js'

/** Element types used here, with their TensorProto.DataType numbers. */
export const DTYPES = { float: 1, int64: 7, string: 8, bool: 9, double: 11 } as const
export type Dtype = keyof typeof DTYPES

/** The opsets the graph is written against: ONNX 1.12's (IR 8), read by onnxruntime since 1.12 and by other runtimes of that age. */
export const OPSET = { onnx: 17, ml: 3 } as const
const IR_VERSION = 8
export const ML_DOMAIN = 'ai.onnx.ml'

/** One attribute value. Numbers are ints unless wrapped: `{ f }` / `{ floats }` / `{ tensor }`. */
export type AttrValue =
  | number
  | string
  | number[]
  | string[]
  | { f: number }
  | { floats: ArrayLike<number> }
  | { tensor: onnx.TensorProto.$Properties }

const utf8 = new TextEncoder()

/** The builder of one graph; `name` hands out value names no other value has. */
export class GraphBuilder {
  private readonly nodes: onnx.NodeProto.$Properties[] = []
  private readonly initializers: onnx.TensorProto.$Properties[] = []
  private readonly inputs: onnx.ValueInfoProto.$Properties[] = []
  private readonly outputs: onnx.ValueInfoProto.$Properties[] = []
  private readonly valueInfo: onnx.ValueInfoProto.$Properties[] = []
  private readonly used = new Set<string>()
  /** Output names claimed up front (reserve), so no generated value takes them. */
  private readonly reserved = new Set<string>()
  private counter = 0

  /** Claims `name` exactly (graph inputs and outputs); false when it is taken. */
  claim(name: string): boolean {
    if (this.used.has(name)) return false
    this.used.add(name)
    return true
  }

  /** Keeps `name` for an output added later. */
  reserve(name: string): void {
    if (!this.claim(name)) throw new Error(`onnx graph: the output name "${name}" is taken`)
    this.reserved.add(name)
  }

  /** A fresh value name starting with `hint`. */
  name(hint: string): string {
    let name: string
    do name = `${hint}_${this.counter++}`
    while (this.used.has(name))
    this.used.add(name)
    return name
  }

  /** A graph input of `dtype` with `dims` (a string is a symbolic dimension, e.g. 'N'). */
  input(name: string, dtype: Dtype, dims: (number | string)[]): string {
    if (!this.claim(name)) throw new Error(`onnx graph: the input name "${name}" is taken`)
    this.inputs.push(valueInfo(name, dtype, dims))
    return name
  }

  /** Makes `value` a graph output called `name` (through an Identity node). */
  output(name: string, value: string, dtype: Dtype, dims: (number | string)[]): void {
    if (!this.reserved.delete(name) && !this.claim(name)) throw new Error(`onnx graph: the output name "${name}" is taken`)
    this.nodes.push({ opType: 'Identity', input: [value], output: [name], name: `out_${name}` })
    this.outputs.push(valueInfo(name, dtype, dims))
  }

  /** Declares the type and shape of an inner value, for operators whose schema infers none (the checker then needs it). */
  annotate(name: string, dtype: Dtype, dims: (number | string)[]): string {
    this.valueInfo.push(valueInfo(name, dtype, dims))
    return name
  }

  /** A constant tensor; `dims` default to a vector of the values' length. */
  constant(hint: string, dtype: Dtype, values: ArrayLike<number> | readonly string[], dims?: number[]): string {
    const name = this.name(hint)
    this.initializers.push({ ...tensor(dtype, values, dims ?? [values.length]), name })
    return name
  }

  /** A scalar float constant. */
  scalar(hint: string, value: number): string {
    return this.constant(hint, 'float', [value], [])
  }

  /** Adds a node with one output and returns the output's name. */
  node(opType: string, inputs: string[], attributes: Record<string, AttrValue> = {}, domain = ''): string {
    return this.nodeOutputs(opType, inputs, 1, attributes, domain)[0]
  }

  /**
   * Adds an ai.onnx.ml node with one output of `dtype` and `dims`, declared in
   * the graph's value_info: several ai.onnx.ml schemas infer no output type,
   * and ONNX's checker (strict shape inference) then cannot type what follows.
   */
  mlNode(opType: string, inputs: string[], attributes: Record<string, AttrValue>, dtype: Dtype, dims: (number | string)[]): string {
    return this.annotate(this.node(opType, inputs, attributes, ML_DOMAIN), dtype, dims)
  }

  /** Adds a node with `count` outputs and returns their names. */
  nodeOutputs(opType: string, inputs: string[], count: number, attributes: Record<string, AttrValue> = {}, domain = ''): string[] {
    const outputs = Array.from({ length: count }, () => this.name(opType.toLowerCase()))
    this.nodes.push({
      opType,
      domain,
      input: inputs,
      output: outputs,
      name: this.name(`node_${opType}`),
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    })
    return outputs
  }

  /** The serialised model. `metadata` becomes the model's metadata_props. */
  encode(options: { graphName: string; docString: string; producerVersion: string; metadata: Record<string, string> }): Uint8Array {
    const model: onnx.ModelProto.$Properties = {
      irVersion: IR_VERSION,
      producerName: 'Clinical ML Studio',
      producerVersion: options.producerVersion,
      docString: options.docString,
      opsetImport: [
        { domain: '', version: OPSET.onnx },
        { domain: ML_DOMAIN, version: OPSET.ml },
      ],
      metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
        valueInfo: this.valueInfo,
      },
    }
    return onnx.ModelProto.encode(model).finish()
  }
}

/** A TensorProto of `dtype` (float, double and int64 as their typed fields; strings as UTF-8). */
export function tensor(dtype: Dtype, values: ArrayLike<number> | readonly string[], dims: number[]): onnx.TensorProto.$Properties {
  const t: onnx.TensorProto.$Properties = { dataType: DTYPES[dtype], dims }
  if (dtype === 'string') t.stringData = (values as readonly string[]).map((s) => utf8.encode(s))
  else if (dtype === 'float') t.floatData = Array.from(values as ArrayLike<number>)
  else if (dtype === 'double') t.doubleData = Array.from(values as ArrayLike<number>)
  else if (dtype === 'int64') t.int64Data = Array.from(values as ArrayLike<number>)
  else t.int32Data = Array.from(values as ArrayLike<number>) // bool is stored in int32_data
  return t
}

function valueInfo(name: string, dtype: Dtype, dims: (number | string)[]): onnx.ValueInfoProto.$Properties {
  return {
    name,
    type: { tensorType: { elemType: DTYPES[dtype], shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  }
}

const A = onnx.AttributeProto.AttributeType

function attribute(name: string, value: AttrValue): onnx.AttributeProto.$Properties {
  if (typeof value === 'number') return { name, type: A.INT, i: value }
  if (typeof value === 'string') return { name, type: A.STRING, s: utf8.encode(value) }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) return { name, type: A.INTS, ints: value as number[] }
    return { name, type: A.STRINGS, strings: (value as string[]).map((s) => utf8.encode(s)) }
  }
  if ('f' in value) return { name, type: A.FLOAT, f: value.f }
  if ('floats' in value) return { name, type: A.FLOATS, floats: Array.from(value.floats) }
  return { name, type: A.TENSOR, t: value.tensor }
}
