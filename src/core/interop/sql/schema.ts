/**
 * The source schema the query reads with: made by the cleaning recipe's own
 * function (src/core/clean/source-schema.ts), so the schema a recipe carries
 * and the one read from a data file are the same thing.
 */
export { decimalCommaColumns, schemaDifferences, sourceSchema } from '../../clean/source-schema'
