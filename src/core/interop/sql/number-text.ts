import type { QueryBuilder } from './query'

/**
 * numberText (clean/values.ts) in SQL: a DOUBLE as JavaScript's String(v)
 * writes it ("7", "0.1", "1e-7", "1.5e+21"), for the conversion of a number
 * column to categories. The engine gives its shortest round-trip digits in
 * its own layout ("7.0", "1e-07", "1.0E-7"); the digits and the decimal
 * exponent are taken from that text and laid out by ECMAScript's
 * Number::toString rules (k digits, point after n of them):
 *   k ≤ n ≤ 21 → digits then n−k zeros; 0 < n ≤ 21 → point inside;
 *   −6 < n ≤ 0 → "0." then −n zeros then digits; else d[.ddd]e±(n−1).
 * Adds the CTEs that replace each DOUBLE column in `refs` by its text
 * (helper columns live only between two of them).
 */
export function numberTextColumns(q: QueryBuilder, refs: readonly string[], comment: string): void {
  const d = q.d
  if (refs.length === 0) return
  const t = refs.map(() => ({ s: q.temp(), m: q.temp(), e: q.temp(), all: q.temp(), i: q.temp(), d0: q.temp(), n: q.temp(), dg: q.temp() }))
  const keep = (names: (keyof (typeof t)[number])[]) => t.flatMap((x) => names.map((k) => x[k]))
  q.add([...q.carry(), ...refs.map((r, k) => `lower(${d.doubleText(`abs(${r})`)}) AS ${t[k].s}`)], { comment: `${comment}: the engine's shortest digits of each number` })
  q.add([
    ...q.carry(),
    ...refs.flatMap((_, k) => {
      const s = t[k].s
      return [
        `CASE WHEN instr(${s}, 'e') > 0 THEN split_part(${s}, 'e', 1) ELSE ${s} END AS ${t[k].m}`,
        `CASE WHEN instr(${s}, 'e') > 0 THEN CAST(split_part(${s}, 'e', 2) AS INTEGER) ELSE 0 END AS ${t[k].e}`,
      ]
    }),
  ])
  q.add([
    ...q.carry(),
    ...keep(['e']),
    ...refs.flatMap((_, k) => [
      `split_part(${t[k].m}, '.', 1) || split_part(${t[k].m}, '.', 2) AS ${t[k].all}`,
      `length(split_part(${t[k].m}, '.', 1)) AS ${t[k].i}`,
    ]),
  ])
  q.add([...q.carry(), ...keep(['e', 'all', 'i']), ...refs.map((_, k) => `${d.trimSide(t[k].all, '0', 'leading')} AS ${t[k].d0}`)])
  q.add([
    ...q.carry(),
    ...refs.flatMap((_, k) => [
      `${t[k].i} - (length(${t[k].all}) - length(${t[k].d0})) + ${t[k].e} AS ${t[k].n}`,
      `${d.trimSide(t[k].d0, '0', 'trailing')} AS ${t[k].dg}`,
    ]),
  ])
  const replaced = new Map<string, string>()
  refs.forEach((r, k) => {
    const digits = t[k].dg, n = t[k].n, len = `length(${digits})`
    const exponent = `(${n} - 1)`
    const layout =
      `CASE WHEN ${len} <= ${n} AND ${n} <= 21 THEN ${digits} || repeat('0', ${n} - ${len}) ` +
      `WHEN 0 < ${n} AND ${n} <= 21 THEN left(${digits}, ${n}) || '.' || substr(${digits}, ${n} + 1) ` +
      `WHEN -6 < ${n} AND ${n} <= 0 THEN '0.' || repeat('0', -${n}) || ${digits} ` +
      `ELSE (CASE WHEN ${len} = 1 THEN ${digits} ELSE left(${digits}, 1) || '.' || substr(${digits}, 2) END) || 'e' || ` +
      `(CASE WHEN ${exponent} < 0 THEN '-' ELSE '+' END) || ${d.asText(`abs(${exponent})`)} END`
    replaced.set(
      r,
      `CASE WHEN ${r} IS NULL THEN NULL WHEN ${r} = 0 THEN '0' WHEN ${d.isInfinite(r)} THEN (CASE WHEN ${r} > 0 THEN 'Infinity' ELSE '-Infinity' END) ` +
        `ELSE (CASE WHEN ${r} < 0 THEN '-' ELSE '' END) || (${layout}) END`,
    )
  })
  q.add(q.carry(replaced), { comment: `${comment}: numbers written as the studio writes them` })
}
