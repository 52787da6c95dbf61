/**
 * The pipeline worker: re-runs a saved pipeline's eight stages on a new file
 * off the page's main thread, with core's own runPipeline (the same code as
 * `npm run pipeline`). Glue only: the registry is the page's RegistryPort,
 * reached back through a comlink proxy (IndexedDB stays with the page's
 * storage module), and every stage record goes to the page as it changes.
 * One worker per run; the page terminates it when the run ends.
 */
import * as Comlink from 'comlink'
// Thrown StudioErrors reach the page with their code (see src/services/error-transfer.ts).
import '../src/services/error-transfer'
import { runPipeline } from '../src/core/workflow/index'
import type { PipelineRunRecord, PipelineSpec, RegistryPort, StageRecord } from '../src/core/workflow/types'

const api = {
  async run(spec: PipelineSpec, bytes: ArrayBuffer, fileName: string, registry: RegistryPort, onStage: (record: StageRecord) => void): Promise<PipelineRunRecord> {
    // Neural nets only: load tfjs and pick webgpu → wasm → cpu; other families never download tfjs.
    if (spec.model.family === 'mlp') await (await import('./tfjs-backend')).selectTfjsBackend()
    return runPipeline(spec, { bytes: new Uint8Array(bytes), fileName }, { registry, onStage: (record) => void onStage(record) })
  },
}

export type PipelineWorkerApi = typeof api

Comlink.expose(api)
