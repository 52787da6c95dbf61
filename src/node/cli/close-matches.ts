/**
 * "Did you mean" suggestions for a mistyped column name: case and separator
 * differences, containment and small edit distances count as close.
 */

/** Up to `limit` of `candidates` close to `name`, closest first. */
export function closeMatches(name: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = normalise(name)
  const scored: { candidate: string; distance: number }[] = []
  for (const candidate of candidates) {
    const other = normalise(candidate)
    let distance = editDistance(wanted, other)
    // "age" for "patient_age" is close although many letters differ.
    if (wanted.length >= 3 && other.length >= 3 && (other.includes(wanted) || wanted.includes(other))) distance = Math.min(distance, 1)
    if (distance <= Math.max(2, Math.floor(Math.max(wanted.length, other.length) / 3))) scored.push({ candidate, distance })
  }
  return scored
    .sort((a, b) => a.distance - b.distance || candidates.indexOf(a.candidate) - candidates.indexOf(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate)
}

/**
 * The message for a column that does not exist: its name, the close matches
 * if any, otherwise the first columns that do exist.
 */
export function unknownColumnMessage(name: string, fileName: string, columns: readonly string[]): string {
  const close = closeMatches(name, columns)
  if (close.length > 0) return `no column "${name}" in "${fileName}"; did you mean ${close.map((c) => `"${c}"`).join(', ')}?`
  const shown = columns.length > 12 ? `${columns.slice(0, 12).join(', ')}, …` : columns.join(', ')
  return `no column "${name}" in "${fileName}"; its columns are ${shown}`
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.]+/g, '')
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d = new Int32Array(rows * cols)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1)
      d[i * cols + j] = best
    }
  }
  return d[rows * cols - 1]
}
