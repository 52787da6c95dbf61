import { StudioError } from '../errors'

/** The codes of InputError (CONTRACT11.md §1); the server answers each with HTTP 400. */
export type InputErrorCode = 'input-missing-column' | 'input-type' | 'input-unknown-category' | 'input-shape'

/**
 * A request the studio cannot answer at all: a column the model needs is
 * absent, a cell holds text where a number belongs, the rows are ragged or the
 * body is not rows of cells. `row` (0-based in the request) and `column` say
 * where, `expected` what belongs there; the message says all of it in words:
 * "input: row 3, column "age": expected a number, got "forty"".
 */
export class InputError extends StudioError {
  readonly row: number | null
  readonly column: string | null
  readonly expected: string

  constructor(code: InputErrorCode, message: string, where: { row?: number | null; column?: string | null; expected: string }) {
    super(code, message)
    this.name = 'InputError'
    this.row = where.row ?? null
    this.column = where.column ?? null
    this.expected = where.expected
  }
}
