/**
 * Generated dirty data for the recipe-to-SQL tests: every kind of dirt the
 * recipe's steps handle (missing tokens, stray whitespace, mixed case,
 * decimal commas, units, compound values, out-of-range values, duplicates),
 * with a fixed seed so the file is the same on every run. Hand-picked edge
 * values come first, then random rows drawn from the same pools.
 */

/** A small seeded generator (mulberry32), so the data never changes between runs. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const POOLS: Record<string, string[]> = {
  age: ['42', '  42 ', 'NA', 'n/a', '', '1e2', '-0', '007', '42.50', '150', '-3', '18', '120', '120.0', '.5', '3.', '+7', 'null', ' None ', '1e999'],
  weight: ['70 kg', '70KG', '154 lb', '70', '  65.2kg ', 'kg', '5. kg', 'NA', '80\u00a0kg', '72 Kg', '1e2 kg', 'heavy', '61.5 KG', '\u212Ag'],
  bp: ['120/80', '120 / 80', '120/80 mmHg', '120/', 'abc', '120/80/60', 'NA', '135/85 MMHG', '110/70', '90/60mmhg', '/80', ''],
  sex: [' Male', 'male', 'F', 'f ', 'FEMALE', 'm', 'unknown', 'NA', 'Female', 'MALE', '\u00a0female\u2003', 'na'],
  city: ['straße', 'İzmir', 'ﬁle', 'Köln', 'paris', 'PARIS', ' Paris ', 'ǅemal', 'NA', 'ŉ'],
  smoker: ['yes', 'Y', 'TRUE', '1', '0', 'no', 'n', 'maybe', '+', '-', ' Yes ', 'Positive', 'NEG', '1.0', 'NA', ''],
  code: ['1', '2', '3', '1.5', '-0', '1e21', '0.000001', '1e-7', '123456789012', '2.50', '-4.25', '1e300', '5e-324', '0.1', '100', '123456789012345678901', 'NA'],
  flag: ['0', '1', '2', '1.0', 'NA', '0.0', '-1'],
  eu: ['3,5', '1.234,5', '1 234,5', '12', '3.5', '-0,25', 'NA', '1\u00a0000,75', '7,', '1.234', 'x'],
  score: ['5', '11', '-1', '0', '10', '7.5', 'NA', '', '3'],
  grade: ['A', 'B', 'C', 'D', 'a', ' A', 'NA', 'E'],
  note: ['', '', '', 'see chart', 'NA', ''],
  outcome: ['yes', 'no', 'NA', 'Yes', 'no', 'yes', ''],
}

export const DIRTY_COLUMNS = Object.keys(POOLS)

function csvCell(value: string, separator: string): string {
  return value.includes(separator) || value.includes('"') || value.includes('\n') ? `"${value.replace(/"/g, '""')}"` : value
}

/** The dirty table as CSV text: `rows` rows (the first ones walk through every pool value), some repeated as duplicates. */
export function dirtyCsv(rows = 400, seed = 14, separator = ','): string {
  const next = random(seed)
  const body: string[][] = []
  for (let i = 0; i < rows; i++) {
    if (i > 20 && next() < 0.08) {
      body.push(body[Math.floor(next() * body.length)].slice())
      continue
    }
    body.push(DIRTY_COLUMNS.map((name) => {
      const pool = POOLS[name]
      return i < pool.length ? pool[i] : pool[Math.floor(next() * pool.length)]
    }))
  }
  // One row blank in every cell: the studio's reader skips it.
  body.splice(7, 0, DIRTY_COLUMNS.map(() => ''))
  return [DIRTY_COLUMNS.join(separator), ...body.map((r) => r.map((v) => csvCell(v, separator)).join(separator))].join('\n') + '\n'
}

/** A semicolon-separated file whose numbers use decimal commas, as Excel writes it in Europe: the reader reads them as numbers. */
export function decimalCommaCsv(rows = 200, seed = 7): string {
  const next = random(seed)
  const lines = ['id;weight_kg;height;label']
  const fixed = [['1', '70,5', '1,82', 'a'], ['2', '1.234,5', '1,7', 'b'], ['3', '12', 'NA', 'a'], ['4', '-0,25', '1 234,5', 'c']]
  for (const row of fixed) lines.push(row.join(';'))
  for (let i = 5; i <= rows; i++) {
    const w = (40 + next() * 80).toFixed(1).replace('.', ',')
    const h = next() < 0.1 ? '' : (1.5 + next() * 0.5).toFixed(2).replace('.', ',')
    lines.push([String(i), w, h, ['a', 'b', 'c', ' B '][Math.floor(next() * 4)]].join(';'))
  }
  return lines.join('\n') + '\n'
}
