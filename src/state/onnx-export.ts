import { errorCode } from '../core/errors'
import * as predictClient from '../services/predict-client'
import type { RunRecord } from '../services/storage/runs'
import { messageOf } from './data-store'
import { useRegistryStore, versionBundle } from './registry-store'
import { bundleOf } from './runs-store'

/**
 * An ONNX export's outcome: the model's bytes, or the reason it was refused
 * (the studio's message, naming the step); `afterCleaningPossible` when the
 * refusal is a cleaning step with no ONNX form, so the page can offer the
 * graph that starts after cleaning.
 */
export type OnnxOutcome = { bytes: Uint8Array } | { error: string; afterCleaningPossible?: boolean } | null

/** A run's model as ONNX (after its cleaning steps when `afterCleaning`); null when the run has no readable bundle (the runs store says why). */
export async function runOnnx(run: RunRecord, afterCleaning = false): Promise<OnnxOutcome> {
  const bundle = await bundleOf(run)
  return bundle ? exportOnnx(bundle, undefined, afterCleaning) : null
}

/** A registered version's model as ONNX, with its registry name, version and stage in the model's metadata. */
export async function versionOnnx(model: string, version: number, afterCleaning = false): Promise<OnnxOutcome> {
  const entry = useRegistryStore.getState().models.find((m) => m.name === model)?.versions.find((v) => v.version === version)
  if (!entry) return null
  const bundle = await versionBundle(entry.runId)
  return bundle ? exportOnnx(bundle, { name: model, version, stage: entry.stage, exportedAt: new Date().toISOString() }, afterCleaning) : null
}

async function exportOnnx(bundle: unknown, registry: Parameters<typeof predictClient.onnxModel>[1], afterCleaning: boolean): Promise<OnnxOutcome> {
  try {
    return { bytes: await predictClient.onnxModel(bundle, registry, afterCleaning) }
  } catch (error) {
    return { error: messageOf(error), ...(errorCode(error) === 'onnx/cleaning-step' ? { afterCleaningPossible: true } : {}) }
  }
}
