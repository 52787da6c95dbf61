/**
 * The tree families (decision tree, random forest, gradient boosting) as one
 * ai.onnx.ml TreeEnsembleRegressor that gives the studio's raw scores
 * (baseScore + scale · Σ leaf values, per output column), followed by the
 * family's link in standard operators.
 *
 * Routing. The studio sends x left when x <= threshold (float64) and a
 * missing x along the learned default. The graph uses BRANCH_LEQ with
 * `true` = left and nodes_missing_value_tracks_true = "missing goes left".
 * X is cast to double and thresholds, leaf values and base scores are double
 * tensors (nodes_values_as_tensor, …), so a split on an exactly represented
 * feature — a one-hot 0/1, an ordinal code, a missing indicator — compares
 * as the studio does, and scores are summed in double (rounded to float once,
 * in the output). A split on a numeric input column is folded (fold.ts): its
 * threshold is moved onto the raw input, through the column's clipping,
 * filling and scaling, so every float32 input takes the studio's branch.
 *
 * Why the regressor and not TreeEnsembleClassifier: the studio's links are not
 * all the classifier's post-transforms (a forest clips class shares to [0, 1]
 * and renormalises), the classifier's binary special cases differ between
 * runtimes, and the label must follow the bundle's decision threshold; raw
 * scores plus explicit Sigmoid / Softmax / Clip keep every step visible.
 */
import type { PipelineJSON } from '../../pipeline/pipeline'
import type { FittedTrees } from '../../model/tree/fitted-model'
import { foldSplits, type NumericSplit } from './fold'
import { GraphBuilder, tensor } from './graph'

/** Adds the ensemble and its link; returns probabilities [N, classes] (classifiers) or the value [N, 1] (regression). */
export function treeNodes(g: GraphBuilder, X: string, fitted: Readonly<FittedTrees>, pipeline: PipelineJSON, numeric: readonly boolean[]): string {
  const a = fitted.ensemble.arrays
  const W = a.leafWidth
  const nodes: number[] = []
  const treeOf: number[] = []
  a.roots.forEach((root, t) => {
    const stack = [root]
    while (stack.length > 0) {
      const node = stack.pop() as number
      nodes.push(node)
      treeOf.push(t)
      if (a.feature[node] >= 0) stack.push(a.right[node], a.left[node])
    }
  })
  // Splits on numeric input columns are folded onto the raw input; the rest keep their threshold.
  // Histogram trees reuse a few hundred thresholds per feature: each distinct (feature, threshold) is folded once.
  const splits = new Map<string, NumericSplit>()
  const keyOf = (node: number): string => `${a.feature[node]}:${a.threshold[node]}`
  for (const node of nodes) {
    if (a.feature[node] >= 0 && numeric[a.feature[node]]) splits.set(keyOf(node), { feature: a.feature[node], threshold: a.threshold[node] })
  }
  const distinct = [...splits.keys()]
  const folded = foldSplits(pipeline, [...splits.values()])
  const byKey = new Map(distinct.map((key, k) => [key, folded[k]]))
  const foldedAt = new Map(nodes.filter((node) => a.feature[node] >= 0 && numeric[a.feature[node]]).map((node) => [node, byKey.get(keyOf(node))]))
  const thresholds: number[] = []
  const missingLeft: number[] = []
  const targets = { tree: [] as number[], node: [] as number[], id: [] as number[], weight: [] as number[] }
  nodes.forEach((node, k) => {
    const leaf = a.feature[node] < 0
    const f = foldedAt.get(node)
    thresholds.push(leaf ? 0 : (f?.threshold ?? a.threshold[node]))
    missingLeft.push(leaf ? 0 : f && f.missingLeft !== null ? Number(f.missingLeft) : a.defaultLeft[node])
    if (!leaf) return
    const t = treeOf[k]
    for (let c = 0; c < W; c++) {
      targets.tree.push(t)
      targets.node.push(node)
      targets.id.push(a.treeOutput[t] + c)
      targets.weight.push(a.value[node * W + c] * a.scale)
    }
  })
  const raw = g.mlNode('TreeEnsembleRegressor', [g.node('Cast', [X], { to: 11 })], {
    n_targets: a.outputs,
    aggregate_function: 'SUM',
    post_transform: 'NONE',
    base_values_as_tensor: { tensor: tensor('double', a.baseScore, [a.outputs]) },
    nodes_treeids: treeOf,
    nodes_nodeids: nodes,
    nodes_featureids: nodes.map((node) => Math.max(0, a.feature[node])),
    nodes_modes: nodes.map((node) => (a.feature[node] < 0 ? 'LEAF' : 'BRANCH_LEQ')),
    nodes_values_as_tensor: { tensor: tensor('double', thresholds, [thresholds.length]) },
    nodes_truenodeids: nodes.map((node) => (a.feature[node] < 0 ? 0 : a.left[node])),
    nodes_falsenodeids: nodes.map((node) => (a.feature[node] < 0 ? 0 : a.right[node])),
    nodes_missing_value_tracks_true: missingLeft,
    target_treeids: targets.tree,
    target_nodeids: targets.node,
    target_ids: targets.id,
    target_weights_as_tensor: { tensor: tensor('double', targets.weight, [targets.weight.length]) },
  }, 'float', ['N', a.outputs])
  if (fitted.task === 'regression') return raw
  const k = fitted.classes
  if (fitted.link === 'logits') return k === 2 ? binaryFromPositive(g, g.node('Sigmoid', [raw])) : g.node('Softmax', [raw], { axis: 1 })
  // Class shares (trees, forests): clipped to [0, 1] (binary) or at 0 and renormalised, 1/k when all are 0.
  if (k === 2) return binaryFromPositive(g, g.node('Clip', [raw, g.scalar('zero', 0), g.scalar('one', 1)]))
  const q = g.node('Relu', [raw])
  const sum = g.node('ReduceSum', [q, g.constant('axes', 'int64', [1])], { keepdims: 1 })
  const even = g.constant('even', 'float', new Array(k).fill(1 / k), [1, k])
  return g.node('Where', [g.node('Greater', [sum, g.scalar('zero', 0)]), g.node('Div', [q, sum]), even])
}

/** [1 − p, p] from the positive class's probability p [N, 1], as the studio writes binary probabilities. */
export function binaryFromPositive(g: GraphBuilder, p: string): string {
  return g.node('Concat', [g.node('Sub', [g.scalar('one', 1), p]), p], { axis: 1 })
}
