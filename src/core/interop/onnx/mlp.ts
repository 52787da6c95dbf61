/**
 * The neural net in standard operators: the network's own input
 * standardisation (Sub, Div), then per layer MatMul + Add with Relu or Tanh
 * between layers, and the output's Sigmoid, Softmax or the regression value
 * mapped back to the target's units. Weights are the network's float32
 * weights as they are; dropout is a training-time step and has no node.
 */
import type { MlpNetwork } from '../../model/mlp/network'
import { GraphBuilder } from './graph'
import { binaryFromPositive } from './trees'

/** Probabilities [N, classes] or the value [N, 1]. */
export function mlpNodes(g: GraphBuilder, X: string, net: MlpNetwork): string {
  const p = net.features
  let h = g.node('Div', [g.node('Sub', [X, g.constant('input_mean', 'float', net.inputMean, [1, p])]), g.constant('input_scale', 'float', net.inputScale, [1, p])])
  net.layers.forEach((layer, l) => {
    h = g.node('Add', [g.node('MatMul', [h, g.constant(`kernel${l}`, 'float', layer.kernel, [layer.inputs, layer.units])]), g.constant(`bias${l}`, 'float', layer.bias, [layer.units])])
    if (l < net.layers.length - 1) h = g.node(net.activation === 'relu' ? 'Relu' : 'Tanh', [h])
  })
  if (net.output === 'sigmoid') return binaryFromPositive(g, g.node('Sigmoid', [h]))
  if (net.output === 'softmax') return g.node('Softmax', [h], { axis: 1 })
  return g.node('Add', [g.node('Mul', [h, g.scalar('target_scale', net.targetScale)]), g.scalar('target_mean', net.targetMean)])
}
