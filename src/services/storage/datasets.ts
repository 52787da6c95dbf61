/** The datasets store: each dataset's cleaning recipe and target, by content fingerprint. */
import type { CleaningRecipe } from '../../core/clean/types'
import { db, guardQuota } from './db'

export const DATASET_SCHEMA_VERSION = 1

/** What the studio remembers about a dataset, by content fingerprint: its cleaning recipe and target. */
export interface DatasetRecord {
  schemaVersion: number
  fingerprint: string
  name: string
  columns: string[]
  recipe: CleaningRecipe | null
  target: string | null
  updatedAt: string
}

/** Remembers a dataset's cleaning recipe and target, by content fingerprint. */
export function saveDataset(record: DatasetRecord): Promise<void> {
  return guardQuota(async () => {
    await (await db()).put('datasets', record)
  }, 'the dataset settings were not saved')
}

/** What the studio remembers about the dataset with `fingerprint`, or undefined. */
export async function getDataset(fingerprint: string): Promise<DatasetRecord | undefined> {
  return (await db()).get('datasets', fingerprint)
}
