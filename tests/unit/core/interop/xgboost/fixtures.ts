/** Reading the XGBoost fixtures (tests/fixtures/xgboost, made by make_xgboost_fixtures.py). */
import { readFileSync } from 'node:fs'
import { readDataFile } from '../../../../../src/core/table/read/read-file'
import type { Table } from '../../../../../src/core/types'

export const FIXTURES = new URL('../../../../fixtures/xgboost/', import.meta.url)

export interface Expected {
  xgboostVersion: string
  objective: string
  target: string
  /** Per row: a probability (binary), K probabilities or a class (softmax), a value (regression). */
  predictions: (number | number[])[]
  margins: (number | number[])[]
  /** Per row: p contributions and the bias last; multiclass: per class. */
  contributions: (number[] | number[][])[]
}

export function fixtureModel(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.model.json`, FIXTURES), 'utf8'))
}

export function fixtureExpected(name: string): Expected {
  return JSON.parse(readFileSync(new URL(`${name}.expected.json`, FIXTURES), 'utf8')) as Expected
}

export async function fixtureTable(name: string): Promise<Table> {
  const bytes = new Uint8Array(readFileSync(new URL(`${name}.csv`, FIXTURES)))
  return (await readDataFile(bytes, `${name}.csv`)).table
}
