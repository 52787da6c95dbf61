/**
 * The page's RegistryPort (src/core/workflow/types.ts): core's pipeline runner
 * reads the Production version and registers and moves challengers through it,
 * and this adapter does so in the studio's own registry (services/storage/registry.ts),
 * so pipeline models appear on the Runs and Registry pages like any other.
 * A registry version points at a run: registering a challenger first saves a
 * finished run holding its bundle.
 */
import type { ModelBundle } from '../core/bundle/bundle'
import { parseBundle } from '../core/bundle/bundle'
import { StudioError } from '../core/errors'
import { runRecordFromPipeline } from '../core/tracking/run-from-pipeline'
import type { Stage } from '../core/tracking/registry'
import type { PipelineSpec, RegistryPort } from '../core/workflow/types'
import { getRunBundle } from './storage/artifacts'
import { getRegisteredModel, registerModel, transitionVersion } from './storage/registry'
import { deleteRun, saveRun } from './storage/runs'

export function studioRegistryPort(spec: PipelineSpec, options: { now?: () => Date } = {}): RegistryPort {
  const now = options.now ?? (() => new Date())
  return {
    async production(name) {
      const model = await getRegisteredModel(name)
      const live = model?.versions.find((v) => v.stage === 'Production')
      if (!live) return null
      const bundle = await getRunBundle(live.runId)
      if (!bundle) {
        throw new StudioError('pipeline-champion-missing', `registry: version ${live.version} of "${name}" is in Production, but its run (${live.runId}) is no longer stored, so it cannot be scored; archive that version or register its model again`)
      }
      return { version: live.version, bundle }
    },

    async register(name, bundle, comment) {
      const parsed: ModelBundle = parseBundle(bundle)
      const at = now()
      const id = `run-${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
      await saveRun(runRecordFromPipeline(spec, parsed, { id, finishedAt: at }))
      try {
        const { version } = await registerModel(name, id, comment)
        return { version: version.version }
      } catch (error) {
        // A run made only to be registered goes with the refused registration.
        await deleteRun(id, { force: true }).catch(() => undefined)
        throw error
      }
    },

    async transition(name, version, to: Stage, comment, archiveExisting) {
      await transitionVersion(name, version, to, comment, { archiveExisting })
    },
  }
}
