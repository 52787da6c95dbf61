/**
 * The drift bench's Web Worker: fetches the bench files the suite copied next
 * to the built page, builds the tables (timed apart) and runs timeDrift, the
 * code the Node worker_thread runs.
 */
import { parseNpy, tableFromMatrix, type DriftBenchMeta } from './drift-data'
import { timeDrift } from './drift-timing'

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path)
  if (!response.ok) throw new Error(`drift bench: ${path} answered ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

self.addEventListener('message', async (event: MessageEvent<{ referenceRows: number; repeats: number }>) => {
  try {
    const started = performance.now()
    const meta = JSON.parse(new TextDecoder().decode(await bytes('/drift-bench/meta.json'))) as DriftBenchMeta
    const ref = parseNpy(await bytes('/drift-bench/reference.npy'))
    const cur = parseNpy(await bytes('/drift-bench/current.npy'))
    const reference = tableFromMatrix('reference', ref.data, meta.referenceRows, meta.columns, event.data.referenceRows)
    const current = tableFromMatrix('current', cur.data, meta.currentRows, meta.columns)
    const loadSeconds = (performance.now() - started) / 1000
    self.postMessage({ ...timeDrift(reference, current, event.data.repeats), loadSeconds })
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) })
  }
})
