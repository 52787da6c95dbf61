/**
 * One cross-validation for the CLI: core's crossValidate (the same code the
 * page's training workers run), with its fold progress on stderr.
 */
import { crossValidate, type CrossValidationRequest, type CrossValidationResult } from '../../core/eval/cross-validate'
import type { Table } from '../../core/types'
import type { CliIO } from './run-cli'

/**
 * Cross-validates `request` on `table`. With `foldLines` each fold's start is
 * logged ("train: fold 2/5…"); searches and comparisons, which run many
 * cross-validations, log one line per candidate instead.
 */
export function crossValidateLogged(table: Table, request: CrossValidationRequest, io: CliIO, options: { command: string; foldLines: boolean }): Promise<CrossValidationResult> {
  return crossValidate(table, request, {
    onProgress: (p) => {
      if (options.foldLines && p.inner === null) io.stderr(`${options.command}: fold ${p.fold}/${p.folds}…\n`)
    },
  })
}
