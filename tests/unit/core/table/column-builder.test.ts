import { describe, expect, it } from 'vitest'
import { ColumnAccumulator, uniqueColumnNames } from '../../../../src/core/table/column-builder'
import type { Column } from '../../../../src/core/types'

const build = (cells: string[], decimalComma: boolean) => {
  const b = new ColumnAccumulator('x', 4, decimalComma)
  cells.forEach((c) => b.push(c))
  return { b, column: b.finish() }
}
const plain = (c: Column) => (c.type === 'number' ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])))

describe('ColumnAccumulator with decimal commas (a CSV separated by ";", tab or |)', () => {
  it('reads whole numbers and decimal commas into numbers, and keeps an example with decimals', () => {
    const { b, column } = build(['3', '1,0', '3,5', '1.234,5', '', '-0,25'], true)
    expect(column.type).toBe('number')
    expect(plain(column)).toEqual([3, 1, 3.5, 1234.5, null, -0.25])
    expect([b.readDecimalComma, b.decimalCommaExample]).toEqual([true, '3,5'])
  })

  it('a decimal point after a decimal comma (or before it) makes the column text, with the cells as written', () => {
    for (const cells of [['3,5', '2.5'], ['2.5', '3,5'], ['3,5', '1.234']]) {
      const { b, column } = build(cells, true)
      expect(column.type).toBe('category')
      expect(plain(column)).toEqual(cells)
      expect([b.readDecimalComma, b.exactText]).toEqual([false, true])
    }
  })

  it('without the option a decimal comma is text, as before', () => {
    const { column } = build(['3', '3,5'], false)
    expect(plain(column)).toEqual(['3', '3,5'])
  })

  it('says when levels lost their spelling, so nobody re-reads them in another style', () => {
    const cells = [...Array.from({ length: 100_001 }, () => '1,50'), 'x']
    const { b, column } = build(cells, true)
    expect(column.type).toBe('category')
    expect(b.exactText).toBe(false)
    // The canonical form keeps the column's decimal comma.
    expect(column.type === 'category' && column.levels).toEqual(['1,5', 'x'])
  })
})

describe('uniqueColumnNames', () => {
  it('renames blank and repeated names, one sentence per change', () => {
    expect(uniqueColumnNames(['age', '', 'age', ' age '])).toEqual({
      names: ['age', 'column_2', 'age_2', 'age_3'],
      warnings: [
        'Column 2 has no name in the header, so it is called "column_2".',
        'The header names "age" more than once: column 3 was renamed "age_2". Check which one you mean.',
        'The header names "age" more than once: column 4 was renamed "age_3". Check which one you mean.',
      ],
    })
  })
})
