/**
 * The only module of the neural net that imports tfjs. MultilayerPerceptron
 * loads it with a dynamic import inside `fit`, so the page, the Node server
 * and every other family never download tfjs; prediction is plain JavaScript
 * (forward.ts).
 *
 * Training is a hand-written loop (Adam through optimizer.minimize) instead of
 * tf.LayersModel.fit because fit shuffles with Math.random, draws dropout masks
 * unseeded and takes no per-row weights. Here batches follow a seeded
 * permutation, dropout masks are seeded per step, and the loss is the
 * row-weighted mean. Runs on the backend an adapter registered with
 * tfjs-setup.ts (Node: wasm), else on whichever tfjs backend is active.
 */
import * as tf from '@tensorflow/tfjs'
import { throwIfAborted } from '../../errors'
import type { LossPoint } from '../estimator'
import { shuffleInPlace, type Random } from '../../random'
import { prepareTfjsBackend } from './tfjs-setup'
import type { DenseLayer, MlpOutput } from './network'
import type { MlpParams } from './params'

/** What prepare.ts produced, ready for tfjs. */
export interface TrainingJob {
  params: MlpParams
  output: MlpOutput
  features: number
  /** Standardised inputs, row-major n × features. */
  x: Float32Array
  /** Targets, row-major n × units of the output layer. */
  targets: Float32Array
  /** Row weights with mean 1. */
  weights: Float32Array
  /** Row indices to fit on and to validate on. */
  trainRows: Int32Array
  validRows: Int32Array
  /** Initial weights: hidden layers then the output layer. */
  layers: DenseLayer[]
  /** Continues the generator that drew the split and the initial weights. */
  random: Random
  signal?: AbortSignal
  /** Called after each epoch with the mean training loss and, with validation rows, the validation loss. */
  onEpoch?: (epoch: number, trainLoss: number, validLoss: number | undefined) => void
}

export interface TrainingOutcome {
  /** The weights kept: the best validation epoch's with early stopping, else the last epoch's. */
  layers: DenseLayer[]
  history: LossPoint[]
  epochsRun: number
  /** 1-based epoch whose weights were kept. */
  keptEpoch: number
  /** True when early stopping watched a validation loss (patience > 0 and validation rows); keptEpoch is then its choice. */
  earlyStopping: boolean
  stoppedEarly: boolean
  backend: string
}

/** Fits the network with Adam; every tensor it creates is disposed before it returns or throws. */
export async function trainNetwork(job: TrainingJob): Promise<TrainingOutcome> {
  await prepareTfjsBackend()
  const { params, output, random } = job
  const units = job.layers[job.layers.length - 1].units
  const n = job.weights.length
  const vars = job.layers.map((layer) => ({
    kernel: tf.tidy(() => tf.variable(tf.tensor2d(layer.kernel, [layer.inputs, layer.units]))),
    bias: tf.tidy(() => tf.variable(tf.tensor1d(layer.bias))),
  }))
  const varList = vars.flatMap((v) => [v.kernel, v.bias])
  const optimizer = tf.train.adam(params.learningRate)
  const x = tf.tensor2d(job.x, [n, job.features])
  const y = tf.tensor2d(job.targets, [n, units])
  const w = tf.tensor1d(job.weights)
  const hasValid = job.validRows.length > 0
  const valid = hasValid ? gatherRows(x, y, w, job.validRows) : null
  const trainRows = Int32Array.from(job.trainRows)
  const batchSize = Math.min(params.batchSize, trainRows.length)
  const hiddenCount = vars.length - 1

  /** The network in tf ops; with `dropoutSeeds` (training) each hidden layer's output is dropped out. */
  const logits = (input: tf.Tensor2D, dropoutSeeds?: number[]): tf.Tensor2D => {
    let h = input
    vars.forEach((v, l) => {
      const hidden = l < hiddenCount
      // fused matMul + bias (+ relu) is one kernel on wasm/webgpu; its gradient supports relu and linear.
      h = tf.fused.matMul({ a: h, b: v.kernel, bias: v.bias, activation: hidden && params.activation === 'relu' ? 'relu' : 'linear' }) as tf.Tensor2D
      if (hidden && params.activation === 'tanh') h = tf.tanh(h)
      if (hidden && dropoutSeeds && params.dropout > 0) h = tf.dropout(h, params.dropout, undefined, dropoutSeeds[l]) as tf.Tensor2D
    })
    return h
  }

  /** Loss per row: sigmoid or softmax cross-entropy on logits (numerically stable forms), or squared error. */
  const rowLoss = (z: tf.Tensor2D, target: tf.Tensor2D): tf.Tensor1D => {
    if (output === 'sigmoid') {
      // log(1 + e^z) − y·z, written as relu(z) − y·z + log1p(e^−|z|) so it never overflows.
      return tf.reshape(tf.add(tf.sub(tf.relu(z), tf.mul(z, target)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), [-1])
    }
    if (output === 'softmax') return tf.sub(tf.logSumExp(z, 1), tf.sum(tf.mul(z, target), 1))
    return tf.reshape(tf.squaredDifference(z, target), [-1])
  }

  const penalty = (): tf.Scalar => tf.mul(params.l2, tf.addN(vars.map((v) => tf.sum(tf.square(v.kernel))))) as tf.Scalar

  /** One pass over the fitting rows in seeded batches; returns the mean (weighted) data loss. */
  const runEpoch = async (): Promise<number> => {
    // One seeded permutation per epoch; each batch gathers its rows by index (64 indices uploaded).
    // Not one gather of the whole epoch then a slice per batch: tfjs-backend-wasm's slice copies its
    // whole input out of the wasm heap on every call, which made an epoch quadratic in the rows
    // (1,000,000 rows: ~114 MB copied per batch). Both give the same batches, so the same model.
    const order = shuffleInPlace(trainRows, random)
    let lossSum: tf.Scalar = tf.scalar(0)
    try {
      for (let start = 0; start < order.length; start += batchSize) {
        const size = Math.min(batchSize, order.length - start)
        const seeds = Array.from({ length: hiddenCount }, () => random.int(2 ** 31))
        const batch = gatherRows(x, y, w, order.slice(start, start + size))
        const kept: { dataLoss?: tf.Scalar } = {}
        try {
          optimizer.minimize(
            () => {
              const d = tf.mean(tf.mul(rowLoss(logits(batch.x, seeds), batch.y), batch.w)) as tf.Scalar
              // Kept past minimize's cleanup: the reported training loss is the data loss, without the penalty.
              kept.dataLoss = tf.keep(d)
              return params.l2 > 0 ? tf.add(d, penalty()) : d
            },
            false,
            varList,
          )
        } finally {
          tf.dispose([batch.x, batch.y, batch.w])
        }
        const previous = lossSum
        lossSum = tf.tidy(() => tf.add(previous, tf.mul(kept.dataLoss!, size)))
        tf.dispose([previous, kept.dataLoss!])
      }
      // One read-back per epoch (not per batch) keeps GPU backends busy.
      return (await lossSum.data())[0] / trainRows.length
    } finally {
      lossSum.dispose()
    }
  }

  const history: LossPoint[] = []
  let best = { loss: Infinity, epoch: 0, layers: null as DenseLayer[] | null }
  let sinceBest = 0
  let epoch = 0
  let stoppedEarly = false
  try {
    while (epoch < params.epochs) {
      throwIfAborted(job.signal)
      epoch++
      const trainLoss = await runEpoch()
      let validLoss: number | undefined
      if (valid) {
        const v = tf.tidy(() => tf.div(tf.sum(tf.mul(rowLoss(logits(valid.x), valid.y), valid.w)), tf.sum(valid.w)))
        validLoss = (await v.data())[0]
        v.dispose()
      }
      history.push({ step: epoch, train: trainLoss, valid: validLoss })
      job.onEpoch?.(epoch, trainLoss, validLoss)
      if (validLoss !== undefined && params.earlyStoppingPatience > 0) {
        if (validLoss < best.loss) {
          best = { loss: validLoss, epoch, layers: await readLayers(vars) }
          sinceBest = 0
        } else if (++sinceBest >= params.earlyStoppingPatience) {
          stoppedEarly = true
          break
        }
      }
    }
    const layers = best.layers ?? (await readLayers(vars))
    const earlyStopping = valid !== null && params.earlyStoppingPatience > 0
    return { layers, history, epochsRun: epoch, keptEpoch: best.layers ? best.epoch : epoch, earlyStopping, stoppedEarly, backend: tf.getBackend() }
  } finally {
    tf.dispose([x, y, w, ...varList])
    if (valid) tf.dispose([valid.x, valid.y, valid.w])
    optimizer.dispose()
  }
}

function gatherRows(x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor1D, rows: Int32Array): { x: tf.Tensor2D; y: tf.Tensor2D; w: tf.Tensor1D } {
  return tf.tidy(() => {
    const index = tf.tensor1d(rows, 'int32')
    return { x: tf.gather(x, index), y: tf.gather(y, index), w: tf.gather(w, index) }
  })
}

/** Copies the variables' current values out of tfjs (a GPU read-back on GPU backends). */
async function readLayers(vars: { kernel: tf.Variable; bias: tf.Variable }[]): Promise<DenseLayer[]> {
  return Promise.all(
    vars.map(async (v) => ({
      inputs: v.kernel.shape[0],
      units: v.bias.shape[0],
      kernel: Float32Array.from(await v.kernel.data()),
      bias: Float32Array.from(await v.bias.data()),
    })),
  )
}
