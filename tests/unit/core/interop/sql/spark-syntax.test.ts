/**
 * Spark cannot run here; its queries are parsed by sqlglot's Spark dialect
 * (Debian's python3-sqlglot, /usr/bin/python3), a syntax check independent of
 * the exporter: every query parses as one statement, and the functions it calls
 * are ones Spark SQL has. Skipped, saying so, when sqlglot is absent.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { proposeRecipe } from '../../../../../src/core/clean/propose-recipe'
import { RECIPE_FORMAT, recipeVersion, type CleaningRecipe, type CleaningStep } from '../../../../../src/core/clean/types'
import { recipeToSql, sourceSchema } from '../../../../../src/core/interop/sql'
import { profileTable } from '../../../../../src/core/table/profile/profile'
import { studioRead } from './duckdb-run'
import { DIRTY_COLUMNS, dirtyCsv } from './dirty-data'
import { alone, EVERY_STEP } from './every-step.fixture'

const script = fileURLToPath(new URL('../../../../fixtures/sql/parse_spark.py', import.meta.url))
const probe = spawnSync('/usr/bin/python3', ['-c', 'import sqlglot'], { encoding: 'utf8' })
const hasSqlglot = probe.status === 0
if (!hasSqlglot) console.warn('spark-syntax.test.ts skipped: /usr/bin/python3 has no sqlglot (apt-get install -y python3-sqlglot)')

/** Spark SQL functions the queries may call (Spark 3.3+). */
const SPARK_FUNCTIONS = new Set([
  'abs', 'cast', 'coalesce', 'case', 'if', 'instr', 'length', 'left', 'right', 'substr', 'substring', 'replace', 'repeat', 'split_part',
  'lower', 'upper', 'trim', 'regexp_replace', 'regexp_like', // sqlglot's name for RLIKE
  'try_cast', // sqlglot reads Spark's CAST (NULL on bad input outside ANSI mode) as its TryCast node; the text says CAST
  'raise_error', 'monotonically_increasing_id', 'row_number', 'rownumber', 'concat', 'dpipe', 'in', 'window', 'not', 'and', 'or',
])

describe.skipIf(!hasSqlglot)('recipe as SQL: the Spark queries parse as Spark SQL (sqlglot)', async () => {
  const ms = await studioRead(new Uint8Array(readFileSync(new URL('../../../../../sample-data/ms-treatment.csv', import.meta.url))), 'ms.csv')
  const dirty = await studioRead(new TextEncoder().encode(dirtyCsv()), 'dirty.csv')
  const recipe = (steps: CleaningStep[]): CleaningRecipe => ({ format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns: DIRTY_COLUMNS, steps })
  const queries: [string, string][] = [
    ['MS sample, proposed recipe', recipeToSql(proposeRecipe(ms.table, profileTable(ms.table), 'treatment_response'), sourceSchema(ms.table.columns), { dialect: 'spark' })],
    ['every step kind', recipeToSql(recipe(EVERY_STEP), sourceSchema(dirty.table.columns), { dialect: 'spark', table: 'raw.visits' })],
    ...EVERY_STEP.map((step): [string, string] => [`${step.kind} (${step.id})`, recipeToSql(recipe(alone(step)), sourceSchema(dirty.table.columns), { dialect: 'spark' })]),
  ]

  it('every query is one statement sqlglot parses, calling only Spark SQL functions', () => {
    const run = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify(queries.map(([, sql]) => sql)), encoding: 'utf8', maxBuffer: 64 << 20 })
    expect(run.status, run.stderr).toBe(0)
    const results = JSON.parse(run.stdout) as { ok: boolean; error?: string; functions?: string[] }[]
    results.forEach((result, k) => {
      expect({ query: queries[k][0], ...result }).toMatchObject({ query: queries[k][0], ok: true })
      const unknown = (result.functions ?? []).filter((f) => !SPARK_FUNCTIONS.has(f))
      expect({ query: queries[k][0], unknown }).toEqual({ query: queries[k][0], unknown: [] })
    })
  })
})
