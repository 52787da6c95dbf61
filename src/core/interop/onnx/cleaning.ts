/**
 * The bundle's row-level cleaning steps (src/core/bundle/replay.ts) as ONNX
 * nodes, where an ONNX form gives exactly the studio's result for every
 * input the graph can receive, and the list of those that have none.
 *
 * In the graph (per column, in recipe order, before the feature pipeline):
 * - convert of a column that already has the target type (numbers to
 *   numbers, text to text): the studio leaves its values as they are;
 * - convert of numbers to categories ("3" for 3, the shortest text) and to
 *   yes/no (1 → "yes", 0 → "no", any other number missing): an ai.onnx.ml
 *   LabelEncoder float → string over the numbers whose text the function or
 *   the pipeline after it tells apart — only float32 numbers, since only
 *   those can arrive — with missing and ±Infinity (missing in the studio)
 *   mapped to "" by Where;
 * - standardize-text with only a value map (no trimming, no case change):
 *   "M" → "Male". Together with the validation rules below on the same text
 *   column it is one function of the cell, composed here and written as one
 *   ai.onnx.ml LabelEncoder (string → string) over every text that function
 *   or the pipeline after it tells apart; any other text stays as it is in
 *   the studio and is unknown to the pipeline, so it maps to one unseen
 *   stand-in. A result that is a missing token ("NA") becomes missing (""),
 *   as the studio's step makes it.
 * - validate rules with action "set-missing": a range on numbers (Where over
 *   LessOrEqual/Less/GreaterOrEqual/Greater, bounds moved onto the float32
 *   grid so every float32 input is judged as the studio judges its float64
 *   value), allowed values on text (in the LabelEncoder above) and on numbers
 *   (Equal against the allowed values a float32 input can equal).
 *
 * Not in the graph, and why (cleaningGaps names each):
 * - convert of text to numbers or yes/no, and split: text parsing (units,
 *   decimal commas, "120/80", yes/no spellings in any case and spacing) — no
 *   ONNX operator parses text the way the studio's reader does;
 * - trimming: ONNX (opset 17) has no trim; JavaScript's String.trim removes
 *   every Unicode space;
 * - upper/lower case: ONNX's StringNormalizer follows the runtime's C++
 *   locale, not JavaScript's Unicode mappings. Measured with onnxruntime-node
 *   1.30 (locale C.UTF-8): "İstanbul" lower-cases to "istanbul" (JS
 *   "i̇stanbul"), "ΟΔΟΣ" to "οδοσ" (JS "οδος"), "straße" upper-cases to
 *   "STRAßE" (JS "STRASSE"), "ﬁ" stays (JS "FI"); with its default locale
 *   en_US.UTF-8 the model does not even load on a machine without it;
 * - rules that remove rows (action "drop-row", "required"): a graph maps
 *   rows to outputs one for one and cannot refuse a row.
 */
import type { ReplayStep } from '../../bundle/bundle'
import { isMissingText, numberText, parseNumber } from '../../clean/values'
import type { PipelineJSON } from '../../pipeline/pipeline'
import { fittedSteps } from './features'
import type { GraphBuilder } from './graph'

/** One cleaning step (or part of one) with no exact ONNX form. */
export interface CleaningGap {
  /** 1-based position among the bundle's cleaning steps. */
  step: number
  kind: ReplayStep['kind']
  column: string
  /** What the step does that the graph cannot, in plain words. */
  what: string
}

/** A text column's cleaning as one function: a finite map, and for any other text either itself (null) or one fixed text. */
interface TextFunction {
  map: Map<string, string>
  otherwise: string | null
}

type NumberOp =
  | { kind: 'range'; min: number | null; max: number | null; minExclusive: boolean; maxExclusive: boolean }
  | { kind: 'allowed'; values: number[] }

/** One column's cleaning, in the only order steps can come in: rules on its numbers, then their conversion to text, then text functions. */
interface ColumnPlan {
  numbers: NumberOp[]
  fromNumbers: 'category' | 'boolean' | null
  text: TextFunction | null
}

/** What the graph does with the cleaning: per input column, and the steps it cannot do. */
export interface CleaningPlanOnnx {
  columns: Map<string, ColumnPlan>
  gaps: CleaningGap[]
  /** Input columns whose raw type differs from the pipeline's: those the graph converts from numbers (float inputs). */
  inputTypes: Map<string, 'number' | 'category'>
}

const TRIM_GAP = 'trims spaces, and ONNX has no operator that trims as the studio does (every Unicode space)'
const CASE_GAP = "changes upper/lower case, and ONNX's StringNormalizer follows the runtime's locale, not the studio's Unicode rules (e.g. \"İ\", \"ß\", a final \"Σ\")"

/**
 * Reads the bundle's cleaning steps from the raw input types (`rawTypes`, the
 * bundle's input schema): what goes into the graph, and what cannot.
 */
export function planCleaning(steps: readonly ReplayStep[], pipeline: PipelineJSON, rawTypes: ReadonlyMap<string, 'number' | 'category'>): CleaningPlanOnnx {
  // Each column's type as the steps so far leave it.
  const types = new Map(pipeline.inputs.map((c) => [c.name, rawTypes.get(c.name) ?? c.type]))
  const inputTypes = new Map<string, 'number' | 'category'>()
  const columns = new Map<string, ColumnPlan>()
  const gaps: CleaningGap[] = []
  const plan = (name: string): ColumnPlan => {
    let p = columns.get(name)
    if (!p) columns.set(name, (p = { numbers: [], fromNumbers: null, text: null }))
    return p
  }
  const addText = (name: string, f: TextFunction): void => {
    const p = plan(name)
    p.text = p.text ? compose(p.text, f) : f
  }
  steps.forEach((step, k) => {
    const gap = (column: string, what: string): void => void gaps.push({ step: k + 1, kind: step.kind, column, what })
    switch (step.kind) {
      case 'convert': {
        const type = types.get(step.column)
        const target = step.to === 'number' ? 'number' : 'category'
        if (type === target && step.to !== 'boolean') return // already that type: the studio leaves the values as they are
        if (type !== 'number') return gap(step.column, step.to === 'number' ? 'reads numbers from text' : 'reads yes/no values from text')
        plan(step.column).fromNumbers = step.to === 'boolean' ? 'boolean' : 'category'
        inputTypes.set(step.column, 'number')
        types.set(step.column, 'category')
        return
      }
      case 'split':
        return gap(step.column, `splits the text at "${step.separator}" into numbers`)
      case 'standardize-text':
        for (const column of step.columns) {
          if (types.get(column) !== 'category') gap(column, 'standardises text in a column the model reads as numbers')
          else if (step.trim) gap(column, TRIM_GAP)
          else if (step.case !== 'none') gap(column, CASE_GAP)
          else addText(column, valueMapFunction(step.valueMap))
        }
        return
      case 'validate':
        for (const rule of step.rules) {
          const type = types.get(rule.column)
          if (rule.kind === 'required') gap(rule.column, `removes rows without a value (rule ${rule.id})`)
          else if (rule.action === 'drop-row') gap(rule.column, `removes rows (rule ${rule.id})`)
          else if (rule.kind === 'range' && type === 'number' && !plan(rule.column).fromNumbers) {
            plan(rule.column).numbers.push({ kind: 'range', min: rule.min, max: rule.max, minExclusive: rule.minExclusive === true, maxExclusive: rule.maxExclusive === true })
          } else if (rule.kind === 'allowed' && type === 'category') addText(rule.column, allowedFunction(rule.values))
          else if (rule.kind === 'allowed' && type === 'number' && !plan(rule.column).fromNumbers && rule.values.every((v) => !Number.isNaN(parseNumber(v)))) {
            plan(rule.column).numbers.push({ kind: 'allowed', values: rule.values.map(parseNumber) })
          } else gap(rule.column, `checks a ${rule.kind} rule (${rule.id}) the studio itself would refuse on a ${type === 'number' ? 'number' : 'text'} column`)
        }
        return
    }
  })
  return { columns, gaps, inputTypes }
}

/**
 * Adds the planned cleaning to the graph: `inputs` (column → value) in, the
 * same columns after cleaning out. Columns the cleaning does not touch keep
 * their input value.
 */
export function cleaningNodes(g: GraphBuilder, plan: CleaningPlanOnnx, pipeline: PipelineJSON, inputs: Map<string, string>): Map<string, string> {
  const out = new Map(inputs)
  const known = knownTexts(pipeline)
  for (const [name, p] of plan.columns) {
    const input = inputs.get(name)
    if (input === undefined) continue
    let value = input
    for (const op of p.numbers) value = op.kind === 'range' ? rangeNodes(g, op, value) : allowedNumberNodes(g, op.values, value)
    const text = p.text ?? { map: new Map([['', '']]), otherwise: null }
    if (p.fromNumbers) value = numberTextNodes(g, p.fromNumbers, text, known.get(name) ?? new Set(), value)
    else if (p.text) value = textNodes(g, p.text, known.get(name) ?? new Set(), value)
    out.set(name, value)
  }
  return out
}

/** The refusal's wording for `gaps`: "step 2 (convert "weight"): reads numbers from text; …". */
export function describeGaps(gaps: readonly CleaningGap[]): string {
  return gaps.map((gap) => `step ${gap.step} (${gap.kind} "${gap.column}"): ${gap.what}`).join('; ')
}

/** standardize-text with a value map only: a cell's text is looked up; a result that is a missing token is missing. */
function valueMapFunction(valueMap: Record<string, string>): TextFunction {
  const map = new Map<string, string>([['', '']])
  for (const [key, value] of Object.entries(valueMap)) if (key !== '') map.set(key, isMissingText(value) ? '' : value)
  return { map, otherwise: null }
}

/** An allowed-values rule that sets other texts missing. */
function allowedFunction(values: readonly string[]): TextFunction {
  const map = new Map<string, string>([['', '']])
  for (const value of values) if (value !== '') map.set(value, value)
  return { map, otherwise: '' }
}

function apply(f: TextFunction, text: string): string {
  const mapped = f.map.get(text)
  return mapped !== undefined ? mapped : f.otherwise ?? text
}

/** `second` after `first`, as one function. */
function compose(first: TextFunction, second: TextFunction): TextFunction {
  const map = new Map<string, string>()
  for (const key of new Set([...first.map.keys(), ...second.map.keys()])) map.set(key, apply(second, apply(first, key)))
  return { map, otherwise: first.otherwise === null ? second.otherwise : apply(second, first.otherwise) }
}

/** Per text input, every text the pipeline tells apart (its categories, rare ones, and "" for missing). */
function knownTexts(pipeline: PipelineJSON): Map<string, Set<string>> {
  const steps = fittedSteps(pipeline)
  const known = new Map<string, Set<string>>()
  const add = (name: string, texts: readonly string[]): void => {
    const set = known.get(name) ?? new Set([''])
    for (const t of texts) set.add(t)
    known.set(name, set)
  }
  for (const c of steps.oneHot) add(c.name, [...c.categories, ...c.rare])
  for (const c of steps.ordinal) add(c.name, c.categories)
  return known
}

/**
 * The column's text function as one LabelEncoder: keys are the function's own
 * texts and every text the pipeline knows; a text that is neither stays itself
 * in the studio (when the function passes other texts through), which the
 * pipeline does not know, so it maps to a stand-in the pipeline does not know
 * either.
 */
function textNodes(g: GraphBuilder, f: TextFunction, known: ReadonlySet<string>, input: string): string {
  const keys = [...new Set([...f.map.keys(), ...known])]
  const unseen = f.otherwise ?? unseenText(f, known)
  return g.mlNode('LabelEncoder', [input], { keys_strings: keys, values_strings: keys.map((k) => apply(f, k)), default_string: unseen }, 'string', ['N', 1])
}

/** A stand-in text that neither `f` nor the pipeline knows, for texts the pipeline treats as unseen. */
function unseenText(f: TextFunction, known: ReadonlySet<string>): string {
  let unseen = '\uFFFFunseen'
  while (known.has(unseen) || f.map.has(unseen)) unseen += '\uFFFF'
  return unseen
}

/**
 * A number column converted to text, then `f`, as one LabelEncoder float →
 * string. To categories: a number becomes its shortest text, so the keys are
 * the texts that matter (f's own and the pipeline's) that are the shortest
 * text of a float32 number; any other number gives a text neither knows. To
 * yes/no: 1 and 0, every other number missing. Missing and ±Infinity (read as
 * missing by the studio) give f(""), which is "".
 */
function numberTextNodes(g: GraphBuilder, to: 'category' | 'boolean', f: TextFunction, known: ReadonlySet<string>, input: string): string {
  const keys: number[] = []
  const values: string[] = []
  let otherwise: string
  if (to === 'boolean') {
    keys.push(0, 1)
    values.push(apply(f, 'no'), apply(f, 'yes'))
    otherwise = apply(f, '')
  } else {
    for (const text of new Set([...f.map.keys(), ...known])) {
      const x = Number(text)
      if (text === '' || !Number.isFinite(x) || Math.fround(x) !== x || numberText(x) !== text) continue
      keys.push(x)
      values.push(apply(f, text))
    }
    otherwise = f.otherwise ?? unseenText(f, known)
  }
  // x + 0 turns −0 into 0, whose text is "0" in the studio.
  const x = g.node('Add', [input, g.scalar('zero', 0)])
  const mapped = g.mlNode('LabelEncoder', [x], { keys_floats: { floats: keys }, values_strings: values, default_string: otherwise }, 'string', ['N', 1])
  const missing = g.node('Or', [g.node('IsNaN', [x]), g.node('IsInf', [x])])
  return g.node('Where', [missing, g.constant('missing_text', 'string', [apply(f, '')], []), mapped])
}

/** A range rule that sets values outside it missing; a missing value stays missing. */
function rangeNodes(g: GraphBuilder, op: Extract<NumberOp, { kind: 'range' }>, x: string): string {
  const out: string[] = []
  // The studio compares the float64 value of a float32 input; on float32 values these bounds decide the same.
  if (op.min !== null) out.push(op.minExclusive ? g.node('LessOrEqual', [x, g.scalar('min', float32AtOrBelow(op.min))]) : g.node('Less', [x, g.scalar('min', float32AtOrAbove(op.min))]))
  if (op.max !== null) out.push(op.maxExclusive ? g.node('GreaterOrEqual', [x, g.scalar('max', float32AtOrAbove(op.max))]) : g.node('Greater', [x, g.scalar('max', float32AtOrBelow(op.max))]))
  if (out.length === 0) return x
  const outside = out.length === 1 ? out[0] : g.node('Or', out)
  return g.node('Where', [outside, g.scalar('nan', NaN), x])
}

/**
 * An allowed-values rule on numbers: a present value equal to none of them
 * becomes missing. Only allowed values that are float32 numbers can equal a
 * float32 input (the studio compares float64 values), so the others are left
 * out rather than rounded onto a neighbour.
 */
function allowedNumberNodes(g: GraphBuilder, values: readonly number[], x: string): string {
  const exact = [...new Set(values.filter((v) => Math.fround(v) === v))]
  const present = g.node('Not', [g.node('IsNaN', [x])])
  let outside = present
  if (exact.length > 0) {
    const equal = g.node('Cast', [g.node('Equal', [x, g.constant('allowed', 'float', exact, [1, exact.length])])], { to: 1 })
    const any = g.node('Cast', [g.node('ReduceMax', [equal], { axes: [1], keepdims: 1 })], { to: 9 })
    outside = g.node('And', [present, g.node('Not', [any])])
  }
  return g.node('Where', [outside, g.scalar('nan', NaN), x])
}

const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)

/** The float32 next to `x` (a float32) towards +Infinity (up) or −Infinity. */
function step32(x: number, up: boolean): number {
  if (x === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45
  f32[0] = x
  u32[0] += (x > 0) === up ? 1 : -1
  return f32[0]
}

/** The smallest float32 ≥ v. */
export function float32AtOrAbove(v: number): number {
  const r = Math.fround(v)
  return r >= v ? r : step32(r, true)
}

/** The largest float32 ≤ v. */
export function float32AtOrBelow(v: number): number {
  const r = Math.fround(v)
  return r <= v ? r : step32(r, false)
}
