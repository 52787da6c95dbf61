/**
 * Spark SQL cannot run here, so its query is checked by construction: every
 * piece of SQL that differs between the dialects comes out of the dialect
 * modules (duckdb.ts, spark.ts). Rendered through a wrapper that marks each
 * dialect-made fragment, the two queries must be identical outside the marked
 * fragments, and that shared skeleton may only use functions both engines
 * have with the same meaning.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { proposeRecipe } from '../../../../../src/core/clean/propose-recipe'
import { RECIPE_FORMAT, recipeVersion, type CleaningStep } from '../../../../../src/core/clean/types'
import type { SqlDialect } from '../../../../../src/core/interop/sql/dialect'
import { DIALECTS, recipeToSql, sourceSchema } from '../../../../../src/core/interop/sql'
import { profileTable } from '../../../../../src/core/table/profile/profile'
import { studioRead } from './duckdb-run'
import { DIRTY_COLUMNS, dirtyCsv } from './dirty-data'
import { EVERY_STEP } from './every-step.fixture'
import { measureCaseDifferences } from '../../../../fixtures/sql/make-duckdb-case'
import { DUCKDB_LOWER_DIFFERS, DUCKDB_UPPER_DIFFERS } from '../../../../../src/core/interop/sql/duckdb-case'

const OPEN = '\u0001', CLOSE = '\u0002'

/** The dialect with every fragment it writes wrapped in markers. */
function marked(d: SqlDialect): SqlDialect {
  const wrap = (s: string) => `${OPEN}${s}${CLOSE}`
  const out: Record<string, unknown> = { ...d }
  for (const [key, value] of Object.entries(d)) {
    if (typeof value === 'function') out[key] = (...args: unknown[]) => wrap((value as (...a: unknown[]) => string)(...args))
    else if (key === 'sourceRowNumber') out[key] = wrap(value as string)
  }
  return out as unknown as SqlDialect
}

/** The query with each outermost marked fragment replaced by "⟨⟩", and the markers removed otherwise. */
function skeleton(sql: string): string {
  let depth = 0, out = ''
  for (const ch of sql) {
    if (ch === OPEN) {
      if (depth++ === 0) out += '⟨⟩'
    } else if (ch === CLOSE) depth--
    else if (depth === 0) out += ch
  }
  return out
}

/** Functions the shared skeleton may call: the same name and meaning in DuckDB and Spark SQL (3.3+). */
const SHARED_FUNCTIONS = new Set(['CASE', 'CAST', 'COALESCE', 'length', 'left', 'right', 'substr', 'replace', 'repeat', 'split_part', 'instr', 'lower', 'abs', 'row_number', 'NOT', 'IN', 'AND', 'OR', 'AS', 'WITH', 'WHEN', 'THEN', 'ELSE', 'OVER', 'BY'])

function withDialect<T>(name: 'duckdb' | 'spark', d: SqlDialect, run: () => T): T {
  const saved = DIALECTS[name]
  ;(DIALECTS as Record<string, SqlDialect>)[name] = d
  try {
    return run()
  } finally {
    ;(DIALECTS as Record<string, SqlDialect>)[name] = saved
  }
}

describe('recipe as SQL: Spark differs from DuckDB only inside the dialect modules', async () => {
  const ms = await studioRead(new Uint8Array(readFileSync(new URL('../../../../../sample-data/ms-treatment.csv', import.meta.url))), 'ms.csv')
  const dirty = await studioRead(new TextEncoder().encode(dirtyCsv()), 'dirty.csv')
  const recipes = [
    ['MS sample, proposed recipe', proposeRecipe(ms.table, profileTable(ms.table), 'treatment_response'), sourceSchema(ms.table.columns)],
    ['dirty data, every step kind', { format: RECIPE_FORMAT, version: recipeVersion(EVERY_STEP), sourceColumns: DIRTY_COLUMNS, steps: EVERY_STEP as CleaningStep[] }, sourceSchema(dirty.table.columns)],
  ] as const

  it.each(recipes)('%s', (_name, recipe, schema) => {
    const render = (name: 'duckdb' | 'spark', mark: boolean) =>
      withDialect(name, mark ? marked(DIALECTS[name]) : DIALECTS[name], () => recipeToSql(recipe, schema, { dialect: name }))
    const duck = render('duckdb', true), spark = render('spark', true)
    // The markers change nothing else: removing them gives the real queries.
    expect(duck.replace(/[\u0001\u0002]/g, '')).toBe(render('duckdb', false))
    expect(spark.replace(/[\u0001\u0002]/g, '')).toBe(render('spark', false))
    const shared = skeleton(duck).replace(/DuckDB/g, '·').replace(/Spark SQL/g, '·')
    expect(skeleton(spark).replace(/DuckDB/g, '·').replace(/Spark SQL/g, '·')).toBe(shared)
    // The skeleton's function calls are all shared ones; no engine-specific name slips through.
    const calls = new Set([...shared.replace(/--[^\n]*/g, '').matchAll(/([A-Za-z_]+)\s*\(/g)].map((m) => m[1]))
    const foreign = [...calls].filter((f) => !SHARED_FUNCTIONS.has(f) && !/^[cst]\d+$/.test(f) && !['source_text', 'source'].includes(f))
    expect(foreign).toEqual([])
    expect(shared).not.toMatch(/regexp|TRY_CAST|raise_error|error\(|RLIKE|monotonically|chr\(|isinf|`/)
  })

  it('the two dialects do differ where README says: regex, casts, errors, row order, literals, identifiers', () => {
    const [, recipe, schema] = recipes[1]
    const duck = recipeToSql(recipe, schema, { dialect: 'duckdb' }), spark = recipeToSql(recipe, schema, { dialect: 'spark' })
    expect(duck).toMatch(/regexp_full_match\(/)
    expect(duck).toMatch(/TRY_CAST\(/)
    expect(duck).toMatch(/row_number\(\) OVER \(\) AS __row/)
    expect(duck).toMatch(/error\('sql: column "age"/)
    expect(spark).toMatch(/ RLIKE '\^\(\?:/)
    expect(spark).toMatch(/monotonically_increasing_id\(\) AS __row/)
    expect(spark).toMatch(/raise_error\(/)
    expect(spark).toMatch(/`age`/)
    expect(spark).not.toMatch(/TRY_CAST|regexp_full_match|chr\(/)
  })
})

describe('DuckDB case mapping fix-ups', () => {
  it('duckdb-case.ts lists every character whose case DuckDB maps differently from JavaScript (re-measured)', async () => {
    const measured = await measureCaseDifferences()
    expect(measured.lower).toEqual([...DUCKDB_LOWER_DIFFERS])
    expect(measured.upper).toEqual([...DUCKDB_UPPER_DIFFERS])
  })
})
