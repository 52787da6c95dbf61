/**
 * The data worker: reads, profiles and fingerprints files off the page's main
 * thread. Glue only — every number is computed in src/core.
 */
import * as Comlink from 'comlink'
import { datasetBuffers, loadDataset, type LoadedDataset } from '../src/core/dataset'
import { StudioError } from '../src/core/errors'

const api = {
  async loadBytes(bytes: ArrayBuffer, fileName: string): Promise<LoadedDataset> {
    const dataset = await loadDataset(new Uint8Array(bytes), fileName)
    return Comlink.transfer(dataset, datasetBuffers(dataset))
  },

  /** Downloads and reads `url`; `displayName` replaces the name taken from the address. */
  async loadUrl(url: string, displayName?: string): Promise<LoadedDataset> {
    const bytes = await fetchBytes(url)
    const dataset = await loadDataset(bytes, displayName ?? fileNameFromUrl(url))
    return Comlink.transfer(dataset, datasetBuffers(dataset))
  },
}

export type DataWorkerApi = typeof api

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
