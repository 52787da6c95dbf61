import type { Table } from '../types'

/**
 * A fitted-on-training-rows transformation of a table. `fit` learns from the
 * rows it is given and nothing else; `transform` applies what was learned to
 * any rows (validation, test, prediction). `toJSON` is all a step needs to be
 * rebuilt by `stepFromJSON`, so the page, the worker and the Node server run the
 * same transformation.
 */
export interface PipelineStep {
  readonly kind: string
  fit(table: Table): void
  transform(table: Table): Table
  toJSON(): StepJSON
}

export interface StepJSON {
  kind: string
  [key: string]: unknown
}

export function notFitted(kind: string): Error {
  return new Error(`pipeline: the ${kind} step is not fitted; call fit on training rows first`)
}
