import type { RunRecord } from '../../services/storage'
import { downloadText, safeFileName } from './download'

/** Saves a run's model bundle as "<dataset>-<target>-<family>.model.json". */
export function downloadRunBundle(run: RunRecord): void {
  if (!run.bundle) return
  const base = safeFileName(`${run.dataset.name.replace(/\.[^.]+$/, '')}-${run.target}-${run.family}`)
  downloadText(`${base}.model.json`, JSON.stringify(run.bundle, null, 1))
}
