import type { CategoryColumn } from '../types'

/**
 * How the proposal unifies the spellings of one text column: values that are
 * equal after trimming and ignoring case are one value, plus a short curated
 * list of clinical abbreviations and synonyms merged into a value that is
 * already in the column (M → male only when "male" exists). Merging single
 * letters by first letter in general would be wrong (blood groups A, B, AB), so
 * only the list below is used.
 */
const SYNONYMS: Record<string, string[]> = {
  m: ['male'], man: ['male'], f: ['female', 'false'], woman: ['female'],
  y: ['yes'], n: ['no'], t: ['true', 'yes'], true: ['yes'], false: ['no'], pos: ['positive'], neg: ['negative'],
  'relapsing-remitting': ['rrms'], 'relapsing remitting': ['rrms'],
  'secondary progressive': ['spms'], 'secondary-progressive': ['spms'],
  'primary progressive': ['ppms'], 'primary-progressive': ['ppms'],
  'clinically isolated syndrome': ['cis'],
}

export interface TextProposal {
  case: 'lower' | 'upper' | 'none'
  valueMap: Record<string, string>
  /** Distinct spellings in use, and distinct values after standardisation. */
  spellings: number
  values: number
  /** Example spellings that change. */
  examples: string[]
  /** Abbreviations and synonyms merged, as written in the value map → what they become. */
  aliases: [string, string][]
  /** True when the value map sends folded spellings back to a mixed-case majority spelling ("female" → "Female"). */
  keepsSpelling: boolean
}

/**
 * The standardisation a category column needs, or null when its spellings are
 * already consistent. Every value keeps its MAJORITY SPELLING, so only the
 * odd cells change:
 * - most cells in capitals (RRMS/SPMS/PPMS) → case "upper", and the value map
 *   sends synonyms to the acronym ("RELAPSING-REMITTING" → "RRMS");
 * - only surrounding spaces differ → trim, case "none";
 * - otherwise → case "lower" (so a future "FEMALE" is caught too) and the
 *   value map sends each folded spelling back to the majority one
 *   ("female" → "Female", "f" → "Female"; for yes/no columns written in lower
 *   case only the abbreviations: "y" → "yes", "n" → "no").
 */
export function proposeTextStandardization(column: CategoryColumn): TextProposal | null {
  const counts = new Int32Array(column.levels.length)
  for (const code of column.codes) if (code >= 0) counts[code]++
  // key (trimmed, lower-case) → trimmed spelling → cells
  const groups = new Map<string, Map<string, number>>()
  let spellings = 0
  let untrimmed = false
  column.levels.forEach((level, k) => {
    if (counts[k] === 0) return
    spellings++
    const trimmed = level.trim()
    if (trimmed !== level) untrimmed = true
    const key = trimmed.toLowerCase()
    const group = groups.get(key) ?? new Map<string, number>()
    group.set(trimmed, (group.get(trimmed) ?? 0) + counts[k])
    groups.set(key, group)
  })
  const alias = new Map<string, string>()
  for (const key of groups.keys()) {
    const targets = (SYNONYMS[key] ?? []).filter((t) => t !== key && groups.has(t) && !SYNONYMS[t]?.some((u) => groups.has(u)))
    if (targets.length === 1) alias.set(key, targets[0])
  }
  const caseDiffers = [...groups.values()].some((g) => g.size > 1)
  if (!caseDiffers && alias.size === 0 && !untrimmed) return null
  const canonical = new Map<string, string>()
  let upperCells = 0, totalCells = 0
  for (const [key, group] of groups) {
    if (alias.has(key)) continue
    let best = '', bestCount = -1, cells = 0
    for (const [spelling, count] of group) {
      cells += count
      if (count > bestCount || (count === bestCount && spelling < best)) [best, bestCount] = [spelling, count]
    }
    for (const [from, to] of alias) if (to === key) for (const count of groups.get(from)?.values() ?? []) cells += count
    canonical.set(key, best)
    totalCells += cells
    if (/\p{L}/u.test(best) && best === best.toUpperCase()) upperCells += cells
  }
  const textCase: TextProposal['case'] = !caseDiffers && alias.size === 0 ? 'none' : upperCells * 2 > totalCells ? 'upper' : 'lower'
  const fold = (text: string): string => (textCase === 'upper' ? text.toUpperCase() : textCase === 'lower' ? text.toLowerCase() : text)
  // What each group becomes: its majority spelling, folded only when the column goes upper-case.
  const result = (key: string): string => {
    const best = canonical.get(alias.get(key) ?? key) as string
    return textCase === 'upper' ? best.toUpperCase() : best
  }
  const valueMap: Record<string, string> = {}
  const aliases: [string, string][] = []
  let keepsSpelling = false
  for (const key of textCase === 'none' ? [] : groups.keys()) {
    const folded = fold(key)
    if (result(key) === folded) continue
    valueMap[folded] = result(key)
    if (alias.has(key)) aliases.push([folded, result(key)])
    else keepsSpelling = true
  }
  const examples = column.levels.filter((level, k) => counts[k] > 0 && level !== result(level.trim().toLowerCase()))
  return { case: textCase, valueMap, spellings, values: canonical.size, examples, aliases, keepsSpelling }
}
