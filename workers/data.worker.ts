/**
 * The data worker: reads, profiles, cleans and exports datasets off the page's
 * main thread. Glue only — every number is computed in src/core; the loaded
 * table lives here and the page receives views.
 */
import * as Comlink from 'comlink'
// Thrown StudioErrors reach the page with their code (see src/services/error-transfer.ts).
import '../src/services/error-transfer'
import type { CleaningRecipe } from '../src/core/clean/types'
import { DataSession, type CleanedView, type DataVersion } from '../src/core/data-session'
import type { DatasetView } from '../src/core/dataset'
import { StudioError } from '../src/core/errors'
import { xgboostImportRun, type ImportRunOptions } from '../src/core/interop/xgboost'
import { tableBuffers } from '../src/core/table/access'
import type { TargetProfile } from '../src/core/table/profile/target-profile'
import type { RunRecord } from '../src/core/tracking/run-schema'
import type { ProgressCallback, Table, Task } from '../src/core/types'
import { throttleProgress } from './throttle-progress'

const session = new DataSession()

/** The bytes of the loaded workbook when it has several sheets, so another sheet can be read without asking for the file again. */
let workbookFile: { bytes: Uint8Array; fileName: string } | null = null

/** Reads a file and keeps a multi-sheet workbook's bytes for readSheet. */
async function load(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback): Promise<DatasetView> {
  const view = await session.load(bytes, fileName, throttleProgress(onProgress))
  workbookFile = (view.workbook?.sheets.length ?? 0) > 1 ? { bytes, fileName } : null
  return view
}

const api = {
  async loadBytes(bytes: ArrayBuffer, fileName: string, onProgress?: ProgressCallback): Promise<DatasetView> {
    return load(new Uint8Array(bytes), fileName, onProgress)
  },

  /** Downloads and reads `url`; `displayName` replaces the name taken from the address. */
  async loadUrl(url: string, displayName?: string, onProgress?: ProgressCallback): Promise<DatasetView> {
    return load(await fetchBytes(url), displayName ?? fileNameFromUrl(url), onProgress)
  },

  /** Reads another sheet of the workbook loaded last, from the bytes kept here. */
  async readSheet(sheet: string, onProgress?: ProgressCallback): Promise<DatasetView> {
    if (!workbookFile) throw new StudioError('no-workbook', 'data: the loaded data is not a workbook with several sheets; open the .xlsx file again')
    return session.load(workbookFile.bytes, workbookFile.fileName, throttleProgress(onProgress), { sheet })
  },

  applyRecipe(recipe: CleaningRecipe | null): Promise<CleanedView> {
    return session.applyRecipe(recipe)
  },

  checkRecipeText(text: string): CleaningRecipe {
    return session.checkRecipeText(text)
  },

  propose(target: string | null): CleaningRecipe {
    return session.propose(target)
  },

  inferTask(target: string): Task {
    return session.inferTask(target)
  },

  profileTarget(target: string, task: Task, version?: DataVersion): TargetProfile {
    return session.profileTarget(target, task, version)
  },

  exportCurrent(format: 'csv' | 'parquet'): Uint8Array {
    const bytes = session.exportCurrent(format)
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])
  },

  /** A copy of the cleaned table for training, its buffers transferred to the caller. */
  trainingTable(): Table {
    return transferredCopy(session.table())
  },

  /** An XGBoost model file imported on the loaded table (after any cleaning) as a finished run: core's xgboostImportRun. */
  importXGBoost(text: string, options: ImportRunOptions): RunRecord {
    return xgboostImportRun(text, session.table(), options)
  },

  /** A copy of the table as read (before cleaning), for training with the recipe applied in the training worker. */
  originalTable(): Table {
    return transferredCopy(session.originalTable())
  },
}

export type DataWorkerApi = typeof api

/** A copy of `source` whose buffers are transferred to the caller (the worker keeps its own). */
function transferredCopy(source: Table): Table {
  const copy: Table = {
    ...source,
    columns: source.columns.map((c) => (c.type === 'number' ? { ...c, values: c.values.slice() } : { ...c, codes: c.codes.slice() })),
  }
  return Comlink.transfer(copy, tableBuffers(copy))
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let parsed: URL
  try {
    parsed = new URL(url, self.location.href)
  } catch {
    throw new StudioError('bad-url', `url: "${url}" is not a valid address`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new StudioError('bad-url', `url: "${url}" must start with http:// or https://`)
  }
  let response: Response
  // The page's security policy lets it read other sites over https only (connect-src 'self' https:).
  if (parsed.protocol === 'http:' && parsed.origin !== self.location.origin) {
    throw new StudioError('url-insecure', `url: ${parsed.href} is a plain http:// address on another site; this page only opens https:// addresses, so that nothing read here travels unencrypted. Use the https:// address, or download the file and drop it here.`)
  }
  try {
    response = await fetch(parsed.href)
  } catch {
    throw new StudioError(
      'url-unreachable',
      `url: could not read ${parsed.href}: the server did not answer, or it does not allow this page to read the file (CORS). Download the file and drop it here instead.`,
    )
  }
  if (!response.ok) {
    throw new StudioError('url-http', `url: ${parsed.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; check the address or whether a pre-signed link has expired`)
  }
  return new Uint8Array(await response.arrayBuffer())
}

function fileNameFromUrl(url: string): string {
  try {
    const path = new URL(url, self.location.href).pathname
    return decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '') || 'download.csv'
  } catch {
    return 'download.csv'
  }
}

Comlink.expose(api)
