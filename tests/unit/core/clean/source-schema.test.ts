/**
 * The recipe's optional source schema: how the studio read each source column
 * (number or text, decimal comma), which the SQL export needs. Parsed and
 * checked with the recipe, kept through a JSON round trip, absent from old
 * recipes, and made by one core function from a real read.
 */
import { describe, expect, it } from 'vitest'
import { parseRecipe } from '../../../../src/core/clean/parse-recipe'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import { decimalCommaColumns, schemaDifferences, sourceSchema } from '../../../../src/core/clean/source-schema'
import { RECIPE_FORMAT, type CleaningRecipe } from '../../../../src/core/clean/types'
import { errorCode } from '../../../../src/core/errors'
import { querySchema, recipeToSql } from '../../../../src/core/interop/sql'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { decimalCommaCsv } from '../interop/sql/dirty-data'

const schema = [
  { name: 'id', type: 'number' as const },
  { name: 'weight_kg', type: 'number' as const, decimalComma: true },
  { name: 'label', type: 'category' as const },
]
const recipe: CleaningRecipe = {
  format: RECIPE_FORMAT,
  version: 1,
  sourceColumns: ['id', 'weight_kg', 'label'],
  sourceSchema: schema,
  steps: [{ id: 'd', kind: 'dedupe', columns: null }],
}

function thrown(run: () => unknown): Error & { code?: string } {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

describe('parseRecipe: sourceSchema', () => {
  it('round-trips through JSON unchanged', () => {
    const back = parseRecipe(JSON.parse(JSON.stringify(recipe)))
    expect(back).toEqual(recipe)
    expect(parseRecipe(JSON.stringify(back))).toEqual(recipe)
  })

  it('an old recipe without it still parses, and gets none (nothing is guessed)', () => {
    const { sourceSchema: _, ...old } = recipe
    const back = parseRecipe(old)
    expect(back).toEqual(old)
    expect('sourceSchema' in back).toBe(false)
  })

  it('decimalComma false is the same as absent; unknown fields of an entry are dropped', () => {
    const back = parseRecipe({ ...recipe, sourceSchema: [{ name: 'id', type: 'number', decimalComma: false }, schema[1], { ...schema[2], note: 'x' }] })
    expect(back.sourceSchema).toEqual(schema)
  })

  it.each([
    [{ sourceSchema: 'id' }, 'field "sourceSchema" must be a list of columns ({ "name", "type" }), got "id"'],
    [{ sourceSchema: [schema[1], schema[0], schema[2]] }, 'field "sourceSchema" must list the 3 columns of "sourceColumns" in the same order; it lists "weight_kg", "id", "label"'],
    [{ sourceSchema: schema.slice(0, 2) }, 'must list the 3 columns of "sourceColumns" in the same order; it lists "id", "weight_kg"'],
    [{ sourceSchema: [schema[0], schema[1], { name: 'label', type: 'text' }] }, 'field "sourceSchema" item 3 ("label"): field "type" must be one of "number", "category", got "text"'],
    [{ sourceSchema: [schema[0], schema[1], { name: 'label', type: 'category', decimalComma: true }] }, 'item 3 ("label"): field "decimalComma" only applies to a number column (type "number"), got type "category"'],
    [{ sourceSchema: [schema[0], { ...schema[1], decimalComma: 'yes' }, schema[2]] }, 'item 2 ("weight_kg"): field "decimalComma" must be true or false, got "yes"'],
  ])('a bad schema is refused naming the entry and field: %j', (change, message) => {
    const error = thrown(() => parseRecipe({ ...recipe, ...change }))
    expect(errorCode(error)).toBe('recipe-invalid')
    expect(error.message).toContain(message)
  })
})

describe('sourceSchema from a real read', async () => {
  const bytes = new TextEncoder().encode(decimalCommaCsv())
  const read = await readDataFile(bytes, 'eu.csv')

  it('types each column as the reader did, with the decimal-comma finding', () => {
    expect(sourceSchema(read.table.columns, decimalCommaColumns(read.findings))).toEqual([
      { name: 'id', type: 'number' },
      { name: 'weight_kg', type: 'number', decimalComma: true },
      { name: 'height', type: 'number', decimalComma: true },
      { name: 'label', type: 'category' },
    ])
  })

  it('proposeRecipe carries it when given the finding, and the recipe parses back with it', () => {
    const proposed = proposeRecipe(read.table, profileTable(read.table), undefined, decimalCommaColumns(read.findings))
    expect(proposed.sourceSchema?.filter((c) => c.decimalComma).map((c) => c.name)).toEqual(['weight_kg', 'height'])
    expect(parseRecipe(JSON.parse(JSON.stringify(proposed)))).toEqual(proposed)
    expect(proposeRecipe(read.table, profileTable(read.table)).sourceSchema).toBeUndefined()
  })
})

describe('querySchema: the recipe\'s schema, or the data\'s', () => {
  it('the recipe\'s when no data is given; the SQL is the same as with that schema given', () => {
    expect(querySchema(recipe)).toEqual({ schema, differences: [] })
    expect(recipeToSql(recipe, undefined, { dialect: 'duckdb' })).toBe(recipeToSql(recipe, schema, { dialect: 'duckdb' }))
  })

  it('the data\'s when given, naming every column typed differently', () => {
    const data = [{ name: 'id', type: 'category' as const }, { name: 'weight_kg', type: 'number' as const }, schema[2]]
    expect(querySchema(recipe, data)).toEqual({
      schema: data,
      differences: ['"id": numbers in the recipe, text in the data', '"weight_kg": numbers with a decimal comma in the recipe, numbers in the data'],
    })
    expect(schemaDifferences(schema, schema.slice(0, 2))).toEqual(['"label": not in the data'])
  })

  it('neither: refused with sql/no-source-schema, saying to re-save from the Clean page', () => {
    const { sourceSchema: _, ...old } = recipe
    for (const run of [() => querySchema(old), () => recipeToSql(old, undefined, { dialect: 'spark' })]) {
      const error = thrown(run)
      expect(errorCode(error)).toBe('sql/no-source-schema')
      expect(error.message).toMatch(/re-save the recipe from the Clean page \(Export recipe\), or give the data file it was made for$/)
    }
  })
})
