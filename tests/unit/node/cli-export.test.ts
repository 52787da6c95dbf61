/**
 * `npm run export`: the dispatcher's usage errors, and `--recipe --sql`
 * writing a query that DuckDB runs on the raw MS sample to give the
 * studio's cleaned table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../src/core/clean/apply-recipe'
import { proposeRecipe } from '../../../src/core/clean/propose-recipe'
import { decimalCommaColumns, sourceSchema } from '../../../src/core/clean/source-schema'
import { RECIPE_FORMAT, type CleaningRecipe, type CleaningStep } from '../../../src/core/clean/types'
import { profileTable } from '../../../src/core/table/profile/profile'
import { readDataFile } from '../../../src/core/table/read/read-file'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { exportMain } from '../../../src/node/cli/export'
import { differences, duckdbWithFile, runQuery } from '../core/interop/sql/duckdb-run'
import { decimalCommaCsv } from '../core/interop/sql/dirty-data'

const root = new URL('../../../', import.meta.url).pathname
const data = join(root, 'sample-data/ms-treatment.csv')
const work = mkdtempSync(join(tmpdir(), 'studio-export-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = ''
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }
  const code = await exportMain(argv, io)
  return { code, stdout, stderr }
}

describe('npm run export -- --recipe … --sql …', async () => {
  const bytes = new Uint8Array(readFileSync(data))
  const { table } = await readDataFile(bytes, 'ms-treatment.csv')
  const recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
  const recipePath = join(work, 'recipe.json')
  writeFileSync(recipePath, JSON.stringify(recipe))

  it('prints a DuckDB query that cleans the raw file exactly as the studio does', async () => {
    const result = await run(['--recipe', recipePath, '--sql', 'duckdb', '--data', data, '--table', 'ms_raw'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^-- Cleaning recipe exported by Clinical ML Studio as DuckDB/)
    const con = await duckdbWithFile(bytes, { table: 'ms_raw' })
    const cleaned = await applyRecipe(table, recipe, { textEngine: 'core' })
    expect(differences(cleaned.table, await runQuery(con, result.stdout))).toEqual([])
    // As the README shows: the query, comments and all, inside COPY (…) TO a Parquet file.
    const parquet = join(work, 'clean.parquet')
    await con.run(`COPY (${result.stdout}) TO '${parquet}' (FORMAT parquet)`)
    const back = await runQuery(con, `SELECT * FROM read_parquet('${parquet}')`)
    expect(differences(cleaned.table, back)).toEqual([])
    con.closeSync()
  })

  it('writes the Spark SQL query to --out', async () => {
    const out = join(work, 'query.sql')
    const result = await run(['--recipe', recipePath, '--sql', 'spark', '--data', data, '--out', out])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/export: wrote .*query\.sql: the recipe as Spark SQL, reading the table "input"/)
    const sql = readFileSync(out, 'utf8')
    expect(sql).toMatch(/monotonically_increasing_id\(\)/)
    expect(sql).toMatch(/FROM input\n/)
  })

  it('refuses a step with no SQL form by name (exit 1)', async () => {
    const path = join(work, 'sparse.json')
    writeFileSync(path, JSON.stringify({ ...recipe, steps: [...recipe.steps, { id: 'x', kind: 'drop-sparse-columns', maxMissingShare: 0.5 }] }))
    const result = await run(['--recipe', path, '--sql', 'duckdb', '--data', data])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^export: sql: step \d+ \(drop-sparse-columns\): removing mostly-empty columns/)
  })

  it.each([
    [['--recipe', 'r.json', '--sql', 'postgres', '--data', 'd.csv'], /--sql "postgres" is unknown; expected duckdb or spark/],
    [['--recipe', 'r.json'], /--sql is required/],
    [['--recipe', 'r.json', '--model', 'b.json'], /give either --recipe/],
    [[], /give either --recipe/],
    [['--recipe', 'r.json', '--format', 'onnx'], /--format applies to --model/],
    [['--model', 'b.json', '--sql', 'duckdb'], /--sql applies to --recipe/],
    [['--model', 'b.json'], /--format is required with --model/],
    [['--model', 'b.json', '--format', 'pmml'], /--format "pmml" is unknown; expected one of onnx, xgboost/],
    [['--recipe', 'r.json', '--bogus'], /Unknown option '--bogus'/],
  ])('usage error (exit 2): %j', async (argv, message) => {
    const result = await run(argv)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })

  it.each(['onnx', 'xgboost'])('--format %s reaches its exporter: a bundle that cannot be read is a failure (exit 1) naming it', async (format) => {
    const result = await run(['--model', join(work, 'no-bundle.json'), '--format', format, '--out', join(work, 'out.bin')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/no-bundle\.json/)
  })

  it('a recipe file that cannot be read is a failure (exit 1) naming it', async () => {
    const result = await run(['--recipe', join(work, 'nope.json'), '--sql', 'duckdb', '--data', data])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/cannot read recipe ".*nope\.json"/)
  })
})

describe('npm run export -- --recipe … --sql … without --data: the recipe carries its source schema', async () => {
  const msBytes = new Uint8Array(readFileSync(data))
  const ms = await readDataFile(msBytes, 'ms-treatment.csv')
  // As the Clean page saves it: the proposal with the reader's decimal-comma finding carries the schema.
  const msRecipe = proposeRecipe(ms.table, profileTable(ms.table), 'treatment_response', decimalCommaColumns(ms.findings))
  const euBytes = new TextEncoder().encode(decimalCommaCsv())
  const eu = await readDataFile(euBytes, 'eu.csv')
  const euPath = join(work, 'eu.csv')
  writeFileSync(euPath, euBytes)
  const euSteps: CleaningStep[] = [
    { id: 'r', kind: 'validate', rules: [{ id: 'w', column: 'weight_kg', kind: 'range', min: 50, max: 110, action: 'set-missing' }] },
    { id: 'l', kind: 'standardize-text', columns: ['label'], trim: true, case: 'lower', valueMap: {} },
  ]
  const names = eu.table.columns.map((c) => c.name)
  // The Clean page's currentRecipe: the same core sourceSchema over how the reader typed the file.
  const euRecipe: CleaningRecipe = { format: RECIPE_FORMAT, version: 1, sourceColumns: names, sourceSchema: sourceSchema(eu.table.columns, decimalCommaColumns(eu.findings)), steps: euSteps }
  const write = (name: string, recipe: unknown): string => {
    const path = join(work, name)
    writeFileSync(path, JSON.stringify(recipe))
    return path
  }

  it('the MS sample: the query DuckDB runs equals the studio\'s cleaned table', async () => {
    expect(msRecipe.sourceSchema?.map((c) => c.name)).toEqual(ms.table.columns.map((c) => c.name))
    const result = await run(['--recipe', write('ms-schema.json', msRecipe), '--sql', 'duckdb'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const con = await duckdbWithFile(msBytes)
    const cleaned = await applyRecipe(ms.table, msRecipe, { textEngine: 'core' })
    expect(differences(cleaned.table, await runQuery(con, result.stdout))).toEqual([])
    con.closeSync()
  })

  it('a semicolon file with decimal commas: the recipe says which columns, and DuckDB reads them as the studio did', async () => {
    expect(euRecipe.sourceSchema?.filter((c) => c.decimalComma).map((c) => c.name).sort()).toEqual(['height', 'weight_kg'])
    const out = join(work, 'eu.sql')
    const result = await run(['--recipe', write('eu-schema.json', euRecipe), '--sql', 'duckdb', '--out', out])
    expect(result.code).toBe(0)
    const con = await duckdbWithFile(euBytes, { delimiter: ';' })
    const cleaned = await applyRecipe(eu.table, euRecipe, { textEngine: 'core' })
    const got = await runQuery(con, readFileSync(out, 'utf8'))
    expect(differences(cleaned.table, got)).toEqual([])
    expect(got.rows[0].slice(1, 3)).toEqual([70.5, 1.82])
    con.closeSync()
  })

  it('a recipe saved before recipes had a schema, and no --data: exit 2, saying to re-save it from the Clean page or give --data', async () => {
    const { sourceSchema: _, ...old } = euRecipe
    const result = await run(['--recipe', write('old.json', old), '--sql', 'spark'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/old\.json" does not record which columns hold numbers .*re-save the recipe from the Clean page \(Export recipe\), or give --data <file>/)
    // With --data it works, as before.
    const withData = await run(['--recipe', join(work, 'old.json'), '--sql', 'duckdb', '--data', euPath])
    expect(withData.stderr).toBe('')
    expect(withData.code).toBe(0)
    const con = await duckdbWithFile(euBytes, { delimiter: ';' })
    expect(differences((await applyRecipe(eu.table, euRecipe, { textEngine: 'core' })).table, await runQuery(con, withData.stdout))).toEqual([])
    con.closeSync()
  })

  it('--data that types a column differently from the recipe: the data wins, and stderr names the column', async () => {
    const dataPath = euPath
    const recipe = { ...euRecipe, sourceSchema: euRecipe.sourceSchema!.map((c) => (c.name === 'weight_kg' ? { name: c.name, type: 'category' as const } : c.name === 'height' ? { name: c.name, type: 'number' as const } : c)) }
    const result = await run(['--recipe', write('eu-stale.json', recipe), '--sql', 'duckdb', '--data', dataPath])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      'export: warning: "weight_kg": text in the recipe, numbers with a decimal comma in the data; the query reads the column as --data has it\n' +
        'export: warning: "height": numbers in the recipe, numbers with a decimal comma in the data; the query reads the column as --data has it\n',
    )
    const con = await duckdbWithFile(euBytes, { delimiter: ';' })
    const cleaned = await applyRecipe(eu.table, euRecipe, { textEngine: 'core' })
    expect(differences(cleaned.table, await runQuery(con, result.stdout))).toEqual([])
    con.closeSync()
  })
})
