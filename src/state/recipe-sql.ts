import { recipeToSql, type SqlDialectName } from '../core/interop/sql'
import { currentRecipe } from './clean-store'

/**
 * The current recipe as one SQL query (core/interop/sql) for the loaded
 * file: the column types are the recipe's source schema, which currentRecipe
 * takes from how the studio read the file (the same core function the CLI
 * uses on --data). Cheap string building, so it runs here rather than in the
 * data worker. Throws the core's StudioError when a step has no SQL form.
 */
export function recipeSql(dialect: SqlDialectName): string {
  const recipe = currentRecipe()
  if (!recipe) throw new Error('there is no recipe to export yet')
  return recipeToSql(recipe, undefined, { dialect })
}
