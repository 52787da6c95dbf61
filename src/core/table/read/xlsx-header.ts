/**
 * Column names from a sheet's first non-empty row, with merged header cells
 * resolved the way a reader of the sheet sees them:
 *
 * - a header cell merged across several columns with sub-headers in the row
 *   below (all text, at least one under the merged cell) makes a two-row
 *   header, and each name joins the two: "Vitals" over "SBP" → "Vitals SBP";
 *   a column whose first-row cell is merged down over both rows keeps its name;
 * - a merged header cell with data right below it names every column of its
 *   range, numbered: "Vitals" over three columns → "Vitals 1", "Vitals 2", "Vitals 3";
 * - one merged cell across the whole table above a row of text is a title:
 *   it is skipped and the row below is the header.
 *
 * Names are not yet made unique or non-blank; the caller does that with the
 * same rule as the other readers (uniqueColumnNames). Every decision is
 * reported in `warnings`.
 */
import { StudioError } from '../../errors'
import { columnLetters, type CellValue, type MergeRange, type SheetRow } from './xlsx-sheet'

export interface HeaderLayout {
  /** Rows of the sheet that form the header: 1 (the first row alone), or 2 (the second row is a header too, or the first is a title). */
  rows: 1 | 2
  /** Header name by 0-based sheet column, for every column that has one. */
  names: Map<number, string>
  warnings: string[]
}

/** Decides the header from the first two non-empty rows of a sheet and its merged ranges. */
export function headerLayout(first: SheetRow, second: SheetRow | null, merges: readonly MergeRange[]): HeaderLayout {
  const top = textByColumn(first)
  // The merged range (if any) over each column of the header row; ranges there never overlap in a real sheet.
  const over = coverage(merges.filter((m) => m.r1 === first.number && m.r2 >= m.r1), first.number)
  const groups = [...new Set(over.values())].filter((m) => m.c2 > m.c1 && top.has(m.c1))
  const groupOf = (c: number): MergeRange | undefined => {
    const m = over.get(c)
    return m && m.c2 > m.c1 && top.has(m.c1) ? m : undefined
  }
  const spansDown = (c: number): boolean => (over.get(c)?.r2 ?? 0) > first.number
  const below = second && second.number === first.number + 1 && second.values.every((v) => typeof v === 'string') ? textByColumn(second) : null
  const groupsWithSubheaders = below ? new Set([...below.keys()].map(groupOf).filter((g): g is MergeRange => g !== undefined)) : new Set<MergeRange>()

  if (below && groups.length === 1 && top.size === 1 && below.size > 1 && [...below.keys()].every((c) => groupOf(c) === groups[0])) {
    const title = top.get(groups[0].c1) as string
    return {
      rows: 2,
      names: below,
      warnings: [`row ${first.number} ("${title}", merged across the table) was read as a title and skipped; the header is row ${(second as SheetRow).number}`],
    }
  }

  if (below && (groupsWithSubheaders.size > 0 || [...over.values()].some((m) => m.r2 > first.number))) {
    const names = new Map<number, string>()
    const columns = new Set([...top.keys(), ...below.keys(), ...groups.flatMap((g) => range(g.c1, g.c2))])
    for (const c of [...columns].sort((a, b) => a - b)) {
      const group = groupOf(c)
      const upper = group ? (top.get(group.c1) as string) : (top.get(c) ?? '')
      const lower = spansDown(c) ? '' : (below.get(c) ?? '')
      names.set(c, [upper, lower].filter((part) => part !== '').join(' '))
    }
    const shown = [...groupsWithSubheaders].slice(0, 3)
    const examples = shown.map((g) => `"${top.get(g.c1)}" over ${range(g.c1, g.c2).map((c) => `"${below.get(c) ?? ''}"`).join(', ')}`)
    if (groupsWithSubheaders.size > shown.length) examples.push(`${groupsWithSubheaders.size - shown.length} more`)
    const sample = groups.length > 0 ? names.get(groups[0].c1) : undefined
    return {
      rows: 2,
      names,
      warnings: [
        `the header spans rows ${first.number}–${first.number + 1} (merged group headers${examples.length > 0 ? `: ${examples.join('; ')}` : ''}); ` +
          `the two rows were combined into one name per column${sample ? `, such as "${sample}"` : ''}`,
      ],
    }
  }

  const names = new Map(top)
  const warnings: string[] = []
  for (const g of groups) {
    const label = top.get(g.c1) as string
    const spanned = range(g.c1, g.c2)
    spanned.forEach((c, k) => names.set(c, `${label} ${k + 1}`))
    if (warnings.length < 3) {
      const listed = spanned.slice(0, 4).map((_, k) => `"${label} ${k + 1}"`).join(', ') + (spanned.length > 4 ? ', …' : '')
      warnings.push(`header "${label}" is merged over ${spanned.length} columns (${columnLetters(g.c1)}–${columnLetters(g.c2)}); they are named ${listed}`)
    }
  }
  if (groups.length > 3) warnings.push(`${groups.length - 3} more merged header cells were named the same way`)
  return { rows: 1, names, warnings }
}

/** Column → the range over it, for ranges starting in one row; overlapping ranges are a damaged file. */
function coverage(ranges: MergeRange[], row: number): Map<number, MergeRange> {
  const byColumn = new Map<number, MergeRange>()
  let end = -1
  for (const m of [...ranges].sort((a, b) => a.c1 - b.c1)) {
    if (m.c1 <= end) throw new StudioError('xlsx-damaged', `xlsx: merged cells in header row ${row} overlap (${columnLetters(m.c1)}${row}); the file is damaged — export it again`)
    for (let c = m.c1; c <= m.c2; c++) byColumn.set(c, m)
    end = m.c2
  }
  return byColumn
}

/** A row's values as header text by column (numbers and booleans written out; blanks left out). */
function textByColumn(row: SheetRow): Map<number, string> {
  const texts = new Map<number, string>()
  row.cols.forEach((c, i) => {
    const text = headerText(row.values[i])
    if (text !== '') texts.set(c, text)
  })
  return texts
}

function headerText(value: CellValue): string {
  return value === null ? '' : String(value).trim()
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k)
}
