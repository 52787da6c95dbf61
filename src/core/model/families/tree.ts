import type { FamilyInfo } from '../family'
import { TREE_PARAMS } from '../param-specs/tree'
import { DECISION_TREE_DEFAULTS, DecisionTree } from '../tree/decision-tree'

/** A single decision tree: readable rules, handles missing values without imputation. */
export const treeFamily: FamilyInfo = {
  id: 'tree',
  label: 'Decision tree',
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: true,
  defaults: { ...DECISION_TREE_DEFAULTS },
  params: TREE_PARAMS.filter((p) => !p.hidden),
  defaultSearch: ['maxDepth', 'minSamplesLeaf'],
  create: (params) => new DecisionTree(params),
  fromJSON: (json) => DecisionTree.fromJSON(json),
}
