/**
 * The meaning of standardize-text, in plain TypeScript: trim, then fold case,
 * then look the result up in the value map, whose keys are folded the same
 * way. text-danfo.ts runs the same operations through danfojs; this file is
 * the reference it is tested against, the fallback when danfojs cannot run, and
 * what the recipe checks and the proposal use (they must stay synchronous).
 */

export interface TextRule {
  trim: boolean
  case: 'lower' | 'upper' | 'none'
  valueMap: Record<string, string>
}

/** Trims and folds the case of one text as `rule` says (no value map). */
export function foldText(text: string, rule: Pick<TextRule, 'trim' | 'case'>): string {
  const t = rule.trim ? text.trim() : text
  return rule.case === 'lower' ? t.toLowerCase() : rule.case === 'upper' ? t.toUpperCase() : t
}

/**
 * The value map with keys folded like the cells. A Map, not an object: looking
 * up "constructor" or "__proto__" in a plain object finds Object.prototype
 * members instead of "no entry".
 */
export function foldedValueMap(rule: TextRule): Map<string, string> {
  const map = new Map<string, string>()
  for (const [key, value] of Object.entries(rule.valueMap)) map.set(foldText(key, rule), value)
  return map
}

/** Pairs of value-map keys that fold to the same text but map to different values. */
export function conflictingKeys(rule: TextRule): [string, string][] {
  const seen = new Map<string, string>()
  const conflicts: [string, string][] = []
  for (const [key, value] of Object.entries(rule.valueMap)) {
    const folded = foldText(key, rule)
    const other = seen.get(folded)
    if (other !== undefined && rule.valueMap[other] !== value) conflicts.push([other, key])
    else seen.set(folded, key)
  }
  return conflicts
}

/** The new text of every level (same order and length as `levels`). */
export function transformLevelsCore(levels: readonly string[], rule: TextRule): string[] {
  const map = foldedValueMap(rule)
  return levels.map((level) => {
    const folded = foldText(level, rule)
    const mapped = map.get(folded)
    return mapped === undefined ? folded : mapped
  })
}
