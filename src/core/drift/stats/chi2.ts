import { chi2Sf } from './special'

/**
 * Pearson's chi-squared test of independence on an r×c table of counts, as
 * scipy.stats.chi2_contingency(table, correction=False): expected counts
 * rowSum·colSum/total, statistic Σ (observed − expected)²/expected,
 * dof = (r − 1)(c − 1), p = chi2.sf(statistic, dof) (the regularized upper
 * incomplete gamma Q(dof/2, statistic/2)); dof 0 gives statistic 0, p 1.
 *
 * One departure, on purpose: scipy raises when a whole row or column is zero
 * (an expected count of 0). A category seen on neither side carries no
 * information, so such rows and columns are dropped first; tables without
 * them give scipy's numbers exactly.
 */
export function chi2Contingency(table: number[][]): { statistic: number; pValue: number; dof: number } {
  const rowsAll = table.length
  const colsAll = rowsAll === 0 ? 0 : table[0].length
  for (const row of table) {
    if (row.length !== colsAll) throw new Error('chi2Contingency: every row needs the same number of cells')
    for (const v of row) if (!(v >= 0)) throw new Error(`chi2Contingency: counts must be non-negative numbers, got ${v}`)
  }
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0))
  const colSumsAll = Array.from({ length: colsAll }, (_, j) => table.reduce((s, row) => s + row[j], 0))
  const rows = rowSums.map((s, i) => (s > 0 ? i : -1)).filter((i) => i >= 0)
  const cols = colSumsAll.map((s, j) => (s > 0 ? j : -1)).filter((j) => j >= 0)
  const dof = Math.max(0, (rows.length - 1) * (cols.length - 1))
  if (dof === 0) return { statistic: 0, pValue: 1, dof }
  let total = 0
  for (const i of rows) total += rowSums[i]
  let statistic = 0
  for (const i of rows) {
    for (const j of cols) {
      const expected = (rowSums[i] * colSumsAll[j]) / total
      const diff = table[i][j] - expected
      statistic += (diff * diff) / expected
    }
  }
  return { statistic, pValue: Math.min(1, Math.max(0, chi2Sf(statistic, dof))), dof }
}
