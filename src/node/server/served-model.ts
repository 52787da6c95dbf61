/**
 * What the server holds: each loaded bundle as a ServedModel, and an
 * immutable ModelSnapshot of all of them that a request resolves once and
 * uses to the end, so a hot swap (a new snapshot) can never change the model
 * under a request halfway.
 */
import type { Predictor } from '../../core/bundle/predictor'

/** One bundle loaded from one file, ready to predict. */
export interface ServedModel {
  /** The bundle's registry name, else its file name without .json. */
  name: string
  /** The registry version as text ("3"); "1" for a bundle without registry metadata. */
  version: string
  /** The registry stage ("Production", "Staging", …), or null without registry metadata. */
  stage: string | null
  /** The file it was read from. */
  file: string
  predictor: Predictor
  loadedAt: string
}

/** Every version of one model name, and the one the name alone answers with. */
export interface ModelGroup {
  name: string
  /** Ascending by version. */
  versions: ServedModel[]
  /** The Production version; without one, the highest version. */
  current: ServedModel
}

/** A consistent view of every model served at one moment. */
export class ModelSnapshot {
  readonly groups: ReadonlyMap<string, ModelGroup>

  constructor(models: readonly ServedModel[]) {
    const byName = new Map<string, ServedModel[]>()
    for (const model of models) {
      const list = byName.get(model.name)
      if (list) list.push(model)
      else byName.set(model.name, [model])
    }
    const groups = new Map<string, ModelGroup>()
    for (const name of [...byName.keys()].sort()) {
      const versions = (byName.get(name) as ServedModel[]).sort((a, b) => compareVersions(a.version, b.version))
      groups.set(name, { name, versions, current: currentVersion(versions) })
    }
    this.groups = groups
  }

  /** The model `name` at `version`, or at its current version when `version` is undefined. */
  resolve(name: string, version?: string): ServedModel | undefined {
    const group = this.groups.get(name)
    if (!group) return undefined
    if (version === undefined) return group.current
    return group.versions.find((m) => m.version === version)
  }

  /** The single model name's current version when exactly one name is served (MLflow's /invocations). */
  only(): ServedModel | undefined {
    if (this.groups.size !== 1) return undefined
    return this.groups.values().next().value?.current
  }

  /** Every served model, all versions. */
  all(): ServedModel[] {
    return [...this.groups.values()].flatMap((g) => g.versions)
  }

  get ready(): boolean {
    return this.groups.size > 0
  }
}

/** Numeric versions compare as numbers ("10" after "9"); anything else as text after them. */
export function compareVersions(a: string, b: string): number {
  const x = Number(a)
  const y = Number(b)
  const xNumeric = a.trim() !== '' && Number.isFinite(x)
  const yNumeric = b.trim() !== '' && Number.isFinite(y)
  if (xNumeric && yNumeric) return x - y
  if (xNumeric !== yNumeric) return xNumeric ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** The version the bare name answers with: the highest Production version, else the highest version. */
export function currentVersion(ascending: readonly ServedModel[]): ServedModel {
  for (let i = ascending.length - 1; i >= 0; i--) {
    if (ascending[i].stage?.toLowerCase() === 'production') return ascending[i]
  }
  return ascending[ascending.length - 1]
}
