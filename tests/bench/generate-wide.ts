/**
 * A wide generated table for the Data page benchmark: `rows` × `columns` of
 * clinical-looking data, seeded so every run measures the same bytes. Mostly
 * numeric lab values (some with missing cells), some categorical codes, a few
 * constants, a patient identifier and a binary outcome, written as CSV.
 */
import { createRandom } from '../../src/core/random'

const LEVELS = [
  ['female', 'male'],
  ['RRMS', 'SPMS', 'PPMS'],
  ['none', 'former', 'current'],
  ['A', 'B', 'C', 'D', 'E', 'F'],
  ['north', 'south', 'east', 'west'],
]

/** CSV text of a `rows` × `columns` table (columns ≥ 10); the label column is `outcome`. */
export function generateWideCsv(rows = 2000, columns = 500, seed = 11): string {
  const random = createRandom(seed)
  const featureCount = columns - 2
  const kinds = Array.from({ length: featureCount }, (_, j) => (j % 10 === 7 ? 'category' : j % 97 === 50 ? 'constant' : 'number'))
  const names = ['patient_id', ...kinds.map((k, j) => `${k === 'category' ? 'code' : k === 'constant' ? 'site' : 'lab'}_${String(j + 1).padStart(3, '0')}`), 'outcome']
  const missingShare = kinds.map((_, j) => (j % 5 === 0 ? 0.02 + (j % 13) * 0.03 : 0))
  const lines: string[] = [names.join(',')]
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [`P${String(100000 + i)}`]
    let score = 0
    for (let j = 0; j < featureCount; j++) {
      const kind = kinds[j]
      if (kind === 'constant') {
        cells.push('1')
        continue
      }
      if (random.next() < missingShare[j]) {
        cells.push('')
        continue
      }
      if (kind === 'category') {
        const levels = LEVELS[j % LEVELS.length]
        cells.push(levels[random.int(levels.length)])
        continue
      }
      const z = random.normal()
      if (j < 12) score += z * (j % 2 ? -0.5 : 0.7)
      cells.push(String(Math.round((40 + (j % 17) * 5 + 8 * z) * 100) / 100))
    }
    cells.push(score + random.normal() * 0.8 > 0 ? 'yes' : 'no')
    lines.push(cells.join(','))
  }
  return lines.join('\n') + '\n'
}
