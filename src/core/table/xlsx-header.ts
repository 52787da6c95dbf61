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
  const groups = merges.filter((m) => m.r1 === first.number && m.c2 > m.c1 && (top.get(m.c1) ?? '') !== '')
  const spansDown = merges.filter((m) => m.r1 === first.number && m.r2 > first.number)
  const below = second && second.number === first.number + 1 && second.values.every((v) => typeof v === 'string') ? textByColumn(second) : null
  const underGroup = (g: MergeRange) => below !== null && [...below.keys()].some((c) => c >= g.c1 && c <= g.c2)

  if (below && groups.length === 1 && top.size === 1 && [...below.keys()].every((c) => c >= groups[0].c1 && c <= groups[0].c2) && below.size > 1) {
    const title = top.get(groups[0].c1) as string
    return {
      rows: 2,
      names: below,
      warnings: [`row ${first.number} ("${title}", merged across the table) was read as a title and skipped; the header is row ${(second as SheetRow).number}`],
    }
  }

  if (below && (groups.some(underGroup) || spansDown.length > 0)) {
    const names = new Map<number, string>()
    const columns = new Set([...top.keys(), ...below.keys(), ...groups.flatMap((g) => range(g.c1, g.c2))])
    for (const c of [...columns].sort((a, b) => a - b)) {
      const group = groups.find((g) => c >= g.c1 && c <= g.c2)
      const upper = group ? (top.get(group.c1) as string) : (top.get(c) ?? '')
      const covered = spansDown.some((m) => c >= m.c1 && c <= m.c2)
      const lower = covered ? '' : (below.get(c) ?? '')
      names.set(c, [upper, lower].filter((part) => part !== '').join(' '))
    }
    const examples = groups.filter(underGroup).map((g) => `"${top.get(g.c1)}" over ${range(g.c1, g.c2).map((c) => `"${below.get(c) ?? ''}"`).join(', ')}`)
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
    warnings.push(
      `header "${label}" is merged over ${spanned.length} columns (${columnLetters(g.c1)}–${columnLetters(g.c2)}); they are named ${spanned.map((_, k) => `"${label} ${k + 1}"`).join(', ')}`,
    )
  }
  return { rows: 1, names, warnings }
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
