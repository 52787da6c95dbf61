/**
 * Test support: runs an exported query with DuckDB on a raw file loaded as
 * text, and compares the result with the studio's cleaned table cell by cell.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { applyRecipe } from '../../../../../src/core/clean/apply-recipe'
import type { CleaningRecipe } from '../../../../../src/core/clean/types'
import { decimalCommaColumns as commaColumns, recipeToSql, sourceSchema } from '../../../../../src/core/interop/sql'
import type { SqlDialectName } from '../../../../../src/core/interop/sql'
import { readDataFile } from '../../../../../src/core/table/read/read-file'
import type { Table } from '../../../../../src/core/types'

export interface Loaded {
  table: Table
  decimalCommaColumns: string[]
}

/** Reads a file with the studio's reader (as the page does). */
export async function studioRead(bytes: Uint8Array, name: string): Promise<Loaded> {
  const read = await readDataFile(bytes, name)
  const decimalCommaColumns = commaColumns(read.findings)
  return { table: read.table, decimalCommaColumns }
}

let dir: string | null = null

/** How the raw file is put into DuckDB: the separator, the table's name, a view over read_csv instead of a table, DuckDB's thread count. */
export interface LoadOptions {
  delimiter?: string
  table?: string
  view?: boolean
  threads?: number
}

/**
 * A DuckDB connection with table `input` holding the file as text: every
 * column VARCHAR (all_varchar), so the query — not DuckDB's type sniffer —
 * decides what is a number, as the studio's reader does.
 */
export async function duckdbWithFile(bytes: Uint8Array, options: LoadOptions = {}): Promise<DuckDBConnection> {
  dir ??= mkdtempSync(join(tmpdir(), 'recipe-sql-'))
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(path, bytes)
  const con = await duckdbConnection(options.threads)
  const delim = options.delimiter ? `, delim = '${options.delimiter}'` : ''
  await con.run(`CREATE ${options.view ? 'VIEW' : 'TABLE'} ${options.table ?? 'input'} AS SELECT * FROM read_csv('${path}', header = true, all_varchar = true${delim})`)
  return con
}

/** A fresh in-memory DuckDB connection (`threads`: DuckDB's thread count, default its own). */
export async function duckdbConnection(threads?: number): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {})
  return db.connect()
}

/** Runs `sql` and returns its column names, types and rows (JS values; DOUBLE as number, VARCHAR as string, NULL as null). */
export async function runQuery(con: DuckDBConnection, sql: string): Promise<{ names: string[]; types: string[]; rows: unknown[][] }> {
  const reader = await con.runAndReadAll(sql)
  return { names: reader.columnNames(), types: reader.columnTypes().map((t) => t.toString()), rows: reader.getRowsJS() as unknown[][] }
}

/** The studio's cleaned table as rows of numbers (NaN → null), texts and nulls. */
export function tableRows(table: Table): unknown[][] {
  const rows: unknown[][] = []
  for (let i = 0; i < table.rowCount; i++) {
    rows.push(
      table.columns.map((c) => {
        if (c.type === 'number') return Number.isNaN(c.values[i]) ? null : c.values[i]
        return c.codes[i] < 0 ? null : c.levels[c.codes[i]]
      }),
    )
  }
  return rows
}

/** Differences between the studio's table and DuckDB's result (same names, types, row count, and every cell equal), at most `limit` of them, as readable lines ([] when equal). */
export function differences(table: Table, result: { names: string[]; types: string[]; rows: unknown[][] }, limit = 10): string[] {
  const out: string[] = []
  const names = table.columns.map((c) => c.name)
  if (JSON.stringify(names) !== JSON.stringify(result.names)) out.push(`columns: studio ${JSON.stringify(names)}, sql ${JSON.stringify(result.names)}`)
  table.columns.forEach((c, k) => {
    const want = c.type === 'number' ? 'DOUBLE' : 'VARCHAR'
    if (result.types[k] !== want) out.push(`column ${c.name}: studio ${c.type}, sql ${result.types[k]}`)
  })
  if (table.rowCount !== result.rows.length) out.push(`rows: studio ${table.rowCount}, sql ${result.rows.length}`)
  const expected = tableRows(table)
  for (let i = 0; i < Math.min(expected.length, result.rows.length) && out.length < limit; i++) {
    for (let k = 0; k < names.length && out.length < limit; k++) {
      const a = expected[i][k], b = result.rows[i][k]
      // Numbers must be equal exactly (0 equals -0), stricter than the 1e-12 the issue allows: the studio and
      // both engines read decimal text with correct rounding, so any difference is a real one.
      const same = a === b || (Number.isNaN(a) && Number.isNaN(b))
      if (!same) out.push(`row ${i + 1} ${names[k]}: studio ${JSON.stringify(a)}, sql ${JSON.stringify(b)}`)
    }
  }
  return out
}

/** Cleans `bytes` with the studio and with the exported DuckDB query; returns both and their differences. */
export async function cleanBothWays(bytes: Uint8Array, name: string, recipe: CleaningRecipe, options: LoadOptions = {}) {
  const loaded = await studioRead(bytes, name)
  const studio = await applyRecipe(loaded.table, recipe, { textEngine: 'core' })
  const sql = recipeToSql(recipe, sourceSchema(loaded.table.columns, loaded.decimalCommaColumns), { dialect: 'duckdb' as SqlDialectName, table: options.table })
  const con = await duckdbWithFile(bytes, options)
  const result = await runQuery(con, sql)
  con.closeSync()
  return { studio: studio.table, sql, result, diff: differences(studio.table, result) }
}
