import { recipeToSql, sourceSchema, type SqlDialectName } from '../core/interop/sql'
import { currentRecipe } from './clean-store'
import { useDataStore } from './data-store'

/**
 * The current recipe as one SQL query (core/interop/sql) for the loaded
 * file: the column types come from how the studio read it (the original
 * view's storage types and its decimal-comma finding). Cheap string building,
 * so it runs here rather than in the data worker. Throws the core's
 * StudioError when a step has no SQL form.
 */
export function recipeSql(dialect: SqlDialectName): string {
  const recipe = currentRecipe()
  const view = useDataStore.getState().originalView
  if (!recipe || !view) throw new Error('there is no recipe to export yet')
  const decimalComma = view.readerFindings.filter((f) => f.kind === 'decimal-comma').flatMap((f) => f.columns ?? [])
  const columns = view.profile.columns.map((c) => ({ name: c.name, type: c.storage }))
  return recipeToSql(recipe, sourceSchema(columns, decimalComma), { dialect })
}
