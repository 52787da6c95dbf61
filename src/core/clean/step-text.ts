import { isMissingText } from './values'
import { StepProblem } from './recipe-error'
import { exampleRows, interleave, plural, type StepOutcome } from './step-report'
import { transformLevelsCore, type TextRule } from './text-core'
import { transformLevelsDanfo } from './text-danfo'
import type { AffectedCell, CleaningStep } from './types'
import type { CategoryColumn } from '../types'
import type { WorkingTable } from './working-table'

/*
 * Text standardisation works on the LEVEL DICTIONARY, never per cell: the
 * string operations (trim, case, value map) run once per distinct value —
 * through danfojs Series (text-danfo.ts: Series.str.trim().str.toLowerCase()
 * took 75 ms on 100,000 cells, so on a dictionary of a few values it is
 * negligible), or in core (text-core.ts) when asked or when danfojs cannot
 * run. Then one pass re-codes the cells and merges levels that became equal.
 * A value that becomes blank or a missing token ("NA") becomes missing, as
 * the readers would read it.
 */

type TextStep = Extract<CleaningStep, { kind: 'standardize-text' }>

/** Trims, folds case and maps values of the step's text columns. */
export async function standardizeText(work: WorkingTable, step: TextStep, engine: 'danfojs' | 'core'): Promise<StepOutcome> {
  const columns = textColumns(work, step)
  const rule: TextRule = { trim: step.trim, case: step.case, valueMap: step.valueMap }
  const dictionaries = columns.map((c) => c.levels)
  const details: string[] = []
  let texts: string[][] | null = null
  let ran: 'danfojs' | 'core' = 'core'
  if (engine === 'danfojs' && dictionaries.some((levels) => levels.length > 0)) {
    const started = performance.now()
    try {
      texts = await transformLevelsDanfo(dictionaries, rule)
      ran = 'danfojs'
      const levelCount = dictionaries.reduce((sum, levels) => sum + levels.length, 0)
      details.push(`text operations on ${plural(levelCount, 'distinct value')} ran in danfojs (${(performance.now() - started).toFixed(1)} ms, loading included on first use); cells re-coded in core`)
    } catch (error) {
      details.push(`danfojs could not run (${(error as Error).message}); the text was standardised in core instead`)
    }
  }
  texts ??= dictionaries.map((levels) => transformLevelsCore(levels, rule))
  return recodeColumns(work, columns, texts, details, ran)
}

/**
 * The same step with core's string operations, synchronously: what the
 * Predictor replays on every record (src/core/bundle/replay.ts). Identical
 * results to the danfojs engine (tests/unit/core/clean/text-danfo.test.ts).
 */
export function standardizeTextCore(work: WorkingTable, step: TextStep): StepOutcome {
  const columns = textColumns(work, step)
  const rule: TextRule = { trim: step.trim, case: step.case, valueMap: step.valueMap }
  return recodeColumns(work, columns, columns.map((c) => transformLevelsCore(c.levels, rule)), [], 'core')
}

/** The step's columns, each once; a number column is a StepProblem. */
function textColumns(work: WorkingTable, step: TextStep): CategoryColumn[] {
  return [...new Set(step.columns)].map((name) => {
    const column = work.require(name)
    if (column.type !== 'category') {
      throw new StepProblem(
        'recipe-text-on-numbers',
        `"${name}" holds numbers; text standardisation applies to text columns (convert it to category first, or remove it from this step)`,
      )
    }
    return column
  })
}

/** Re-codes every column to its new level texts and reports the step. */
function recodeColumns(work: WorkingTable, columns: CategoryColumn[], texts: string[][], details: string[], ran: 'danfojs' | 'core'): StepOutcome {
  const rows = work.rows
  const touched = new Uint8Array(rows.length)
  const examples: AffectedCell[][] = []
  columns.forEach((column, c) => {
    const result = recode(work, column, texts[c], touched)
    details.push(...result.details)
    examples.push(result.examples)
  })
  let affected = 0
  for (let i = 0; i < touched.length; i++) affected += touched[i]
  return { affectedRows: affected, preview: interleave(examples), details, engine: ran }
}

/** Re-codes one column to its new level texts, merging equal ones; marks touched kept rows. */
function recode(work: WorkingTable, column: CategoryColumn, texts: string[], touched: Uint8Array): { details: string[]; examples: AffectedCell[] } {
  const levels: string[] = []
  const index = new Map<string, number>()
  const remap = new Int32Array(texts.length)
  const changed = new Uint8Array(texts.length)
  texts.forEach((text, k) => {
    changed[k] = text !== column.levels[k] ? 1 : 0
    if (isMissingText(text)) {
      remap[k] = -1
      return
    }
    let code = index.get(text)
    if (code === undefined) {
      code = levels.length
      levels.push(text)
      index.set(text, code)
    }
    remap[k] = code
  })
  const rows = work.rows
  const src = column.codes
  const codes = new Int32Array(work.source.rowCount).fill(-1)
  const countBefore = new Int32Array(texts.length)
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    const old = src[p]
    if (old < 0) continue
    codes[p] = remap[old]
    countBefore[old]++
    if (changed[old]) touched[i] = 1
  }
  const examples = exampleRows(src, rows, changed).map((p) => {
    const after = remap[src[p]]
    return { row: p + 1, column: column.name, before: column.levels[src[p]], after: after < 0 ? null : levels[after] }
  })
  work.replace({ name: column.name, type: 'category', codes, levels })
  let usedBefore = 0, cellsChanged = 0
  const usedAfter = new Set<number>()
  const changes: string[] = []
  countBefore.forEach((count, k) => {
    if (count === 0) return
    usedBefore++
    if (remap[k] >= 0) usedAfter.add(remap[k])
    if (changed[k]) {
      cellsChanged += count
      changes.push(`${column.name}: "${column.levels[k]}" → ${remap[k] < 0 ? 'missing' : `"${levels[remap[k]]}"`} (${plural(count, 'row')})`)
    }
  })
  const details = [`${column.name}: ${plural(usedBefore, 'spelling')} became ${plural(usedAfter.size, 'value')}; ${plural(cellsChanged, 'cell')} changed`]
  details.push(...changes.slice(0, 10))
  if (changes.length > 10) details.push(`${column.name}: … and ${changes.length - 10} more changes`)
  return { details, examples }
}
