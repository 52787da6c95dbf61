import type { RunRecord } from '../../services/storage/runs'
import { bundleOf } from '../../state/runs-store'
import { downloadText, safeFileName } from './download'

/** Saves a run's model bundle as "<dataset>-<target>-<family>.model.json" (loading it from storage when the run was listed without it). */
export async function downloadRunBundle(run: RunRecord): Promise<void> {
  const bundle = await bundleOf(run)
  if (!bundle) return
  downloadText(`${runFileBase(run)}.model.json`, JSON.stringify(bundle, null, 1))
}

/** "<dataset>-<target>-<family>": the start of the names a run's model files are saved under. */
export function runFileBase(run: RunRecord): string {
  return safeFileName(`${run.dataset.name.replace(/\.[^.]+$/, '')}-${run.target}-${run.family}`)
}

/** True when the run has a model bundle, loaded or stored apart. */
export function hasBundle(run: RunRecord): boolean {
  return run.bundle !== null || !!run.bundleSummary
}
