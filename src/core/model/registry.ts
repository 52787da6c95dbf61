import { StudioError } from '../errors'
import type { Model, ModelJSON } from './estimator'
import type { FamilyInfo } from './family'
import { forestFamily } from './families/forest'
import { gbdtFamily } from './families/gbdt'
import { linregFamily } from './families/linreg'
import { logisticFamily } from './families/logistic'
import { mlpFamily } from './families/mlp'
import { treeFamily } from './families/tree'

export type { FamilyInfo, ParamSpec } from './family'

/**
 * Every family the studio trains, in the order the page lists them. Each family
 * lives in its own file under families/; a family not yet built exports null.
 */
export const FAMILIES: Record<string, FamilyInfo> = Object.fromEntries(
  [logisticFamily, linregFamily, treeFamily, forestFamily, gbdtFamily, mlpFamily]
    .filter((family): family is FamilyInfo => family !== null)
    .map((family) => [family.id, family]),
)

export function familyInfo(id: string): FamilyInfo {
  const info = FAMILIES[id]
  if (!info) throw new StudioError('bad-param', `model: unknown family "${id}"; expected one of ${Object.keys(FAMILIES).join(', ')}`)
  return info
}

/** Rebuilds a fitted model from its JSON, dispatching on `family`. */
export function modelFromJSON(json: ModelJSON): Model {
  return familyInfo(json.family).fromJSON(json)
}
