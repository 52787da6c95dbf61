import { create } from 'zustand'
import type { DataVersion } from '../core/data-session'
import type { DatasetView } from '../core/dataset'
import type { TargetProfile } from '../core/table/profile/target-profile'
import * as dataClient from '../services/data-client'
import { messageOf, onDatasetLoaded, useDataStore } from './data-store'

export type { DataVersion }

/**
 * Which version of the data the Data page shows: the cleaned data (what
 * training uses, the default) or the file as read. Every figure on the page —
 * summary, warnings, insights, column table, first rows, target summary — is
 * read through the selectors here, so they always describe the same version.
 */
interface VersionState {
  chosen: DataVersion
  /** The target's profile in the original data, for the target and task it was asked for. */
  originalTarget: { key: string; profile: TargetProfile | null; error: string | null } | null
}

export const useVersionStore = create<VersionState>(() => ({ chosen: 'cleaned', originalTarget: null }))

type DataState = ReturnType<typeof useDataStore.getState>

/** True when a recipe is applied and changed the data (same fingerprint = same cells). */
export function isCleaned(s: Pick<DataState, 'view' | 'originalView'>): boolean {
  return !!s.view && !!s.originalView && s.view.fingerprint !== s.originalView.fingerprint
}

/** The version actually shown: 'original' only when chosen and there is a cleaned version to differ from. */
export function shownVersion(s: Pick<DataState, 'view' | 'originalView'>, chosen: DataVersion): DataVersion {
  return chosen === 'original' && isCleaned(s) ? 'original' : 'cleaned'
}

export function useShownVersion(): DataVersion {
  const chosen = useVersionStore((v) => v.chosen)
  return useDataStore((s) => shownVersion(s, chosen))
}

/** The dataset view the Data page shows. */
export function useShownView(): DatasetView | null {
  const chosen = useVersionStore((v) => v.chosen)
  return useDataStore((s) => (shownVersion(s, chosen) === 'original' ? s.originalView : s.view))
}

/** The shown version's target profile; `error` says why there is none (e.g. the original target has too many classes). */
export function useShownTargetProfile(): { profile: TargetProfile | null; error: string | null } {
  const version = useShownVersion()
  const cleaned = useDataStore((s) => s.targetProfile)
  const original = useVersionStore((v) => v.originalTarget)
  const key = useDataStore((s) => originalTargetKey(s))
  if (version === 'cleaned') return { profile: cleaned, error: null }
  return original && original.key === key ? { profile: original.profile, error: original.error } : { profile: null, error: null }
}

export function showVersion(version: DataVersion): void {
  useVersionStore.setState({ chosen: version })
  void refreshOriginalTarget()
}

function originalTargetKey(s: DataState): string | null {
  return s.target && s.task && s.originalView ? `${s.originalView.fingerprint}|${s.target}|${s.task}` : null
}

let asked: string | null = null

/** Profiles the target in the original data when that version is shown and the target, task or data changed. */
async function refreshOriginalTarget(): Promise<void> {
  const s = useDataStore.getState()
  const key = originalTargetKey(s)
  if (shownVersion(s, useVersionStore.getState().chosen) !== 'original' || !key || !s.target || !s.task || !s.originalView) return
  if (asked === key || useVersionStore.getState().originalTarget?.key === key) return
  if (!s.originalView.columnNames.includes(s.target)) {
    useVersionStore.setState({ originalTarget: { key, profile: null, error: `${s.target} is not a column of the original data.` } })
    return
  }
  asked = key
  try {
    const profile = await dataClient.profileTarget(s.target, s.task, 'original')
    useVersionStore.setState({ originalTarget: { key, profile, error: null } })
  } catch (error) {
    useVersionStore.setState({ originalTarget: { key, profile: null, error: messageOf(error) } })
  } finally {
    if (asked === key) asked = null
  }
}

// A new target or task while the original is shown asks for its profile there too.
useDataStore.subscribe((s, before) => {
  if (s.target !== before.target || s.task !== before.task || s.originalView !== before.originalView) void refreshOriginalTarget()
})

// A new dataset opens on its cleaned (= only) version.
onDatasetLoaded(() => useVersionStore.setState({ chosen: 'cleaned', originalTarget: null }))
