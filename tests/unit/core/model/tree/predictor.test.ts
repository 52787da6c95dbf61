import { describe, expect, it } from 'vitest'
import { decodeTyped, encodeBase64 } from '../../../../../src/core/model/tree/base64'
import { BLOCKED_NODE_LIMIT, PREDICT_BLOCK_ROWS, TreeEnsemble, type TreeEnsembleArrays } from '../../../../../src/core/model/tree/predictor'

/**
 * Two hand-built trees over two features:
 *   tree 0: x0 <= 1.5 (missing left) ? 10 : (x1 <= 0 (missing right) ? 20 : 30)
 *   tree 1: a single leaf worth 1
 * base score 0.5, scale 1.
 */
function handBuilt(): TreeEnsembleArrays {
  return {
    outputs: 1,
    leafWidth: 1,
    scale: 1,
    baseScore: Float64Array.of(0.5),
    roots: Int32Array.of(0, 5),
    treeOutput: Int32Array.of(0, 0),
    feature: Int32Array.of(0, -1, 1, -1, -1, -1),
    threshold: Float64Array.of(1.5, 0, 0, 0, 0, 0),
    defaultLeft: Uint8Array.of(1, 0, 0, 0, 0, 0),
    left: Int32Array.of(1, 0, 3, 0, 0, 0),
    right: Int32Array.of(2, 0, 4, 0, 0, 0),
    value: Float64Array.of(0, 10, 0, 20, 30, 1),
  }
}

const rows = (values: number[][]) => ({ rows: values.length, cols: 2, data: Float64Array.from(values.flat()) })

describe('tree predictor', () => {
  it('walks raw values: x <= threshold goes left, NaN follows the default direction', () => {
    const X = rows([[1, 5], [1.5, 5], [2, -1], [2, 0], [2, 3], [NaN, 3], [3, NaN], [NaN, NaN]])
    expect(Array.from(new TreeEnsemble(handBuilt()).predictRaw(X))).toEqual([11.5, 11.5, 21.5, 21.5, 31.5, 11.5, 31.5, 11.5])
  })

  it('walks the same whether children are stored side by side (branch-free walk) or not, in any batch size', () => {
    // The same trees with tree 0's split children stored the other way round (right before left):
    // the branch-free walk does not apply, and the answers must not change.
    const a = handBuilt()
    const swapped: TreeEnsembleArrays = {
      ...a,
      feature: Int32Array.of(0, 1, -1, -1, -1, -1),
      threshold: Float64Array.of(1.5, 0, 0, 0, 0, 0),
      defaultLeft: Uint8Array.of(1, 0, 0, 0, 0, 0),
      left: Int32Array.of(2, 4, 0, 0, 0, 0),
      right: Int32Array.of(1, 3, 0, 0, 0, 0),
      value: Float64Array.of(0, 0, 10, 30, 20, 1),
    }
    const values = [[1, 5], [1.5, 5], [2, -1], [2, 0], [2, 3], [NaN, 3], [3, NaN], [NaN, NaN], [Infinity, 0], [-Infinity, Infinity], [Infinity, Infinity]]
    const expected = [11.5, 11.5, 21.5, 21.5, 31.5, 11.5, 31.5, 11.5, 21.5, 11.5, 31.5]
    for (const arrays of [a, swapped]) {
      const ensemble = new TreeEnsemble(arrays)
      expect(Array.from(ensemble.predictRaw(rows(values)))).toEqual(expected)
      // Row by row (no block of eight), in a batch of 7 (rows after the blocks only), and in a batch of 19 (two blocks of eight, three rows after them).
      expect(values.map((v) => ensemble.predictRaw(rows([v]))[0])).toEqual(expected)
      expect(Array.from(ensemble.predictRaw(rows(values.slice(0, 7))))).toEqual(expected.slice(0, 7))
      const twice = [...values, ...values.slice().reverse()].slice(0, 19)
      const twiceExpected = [...expected, ...expected.slice().reverse()].slice(0, 19)
      expect(Array.from(ensemble.predictRaw(rows(twice)))).toEqual(twiceExpected)
    }
  })

  it('predicts the same bits in blocks of rows (small ensembles) as tree by tree (large ones), across block edges', () => {
    const values = Array.from({ length: PREDICT_BLOCK_ROWS * 3 + 5 }, (_, i) => [((i * 37) % 11) / 3, i % 7 === 0 ? NaN : ((i * 13) % 9) - 4])
    const small = new TreeEnsemble(handBuilt())
    const blocked = Array.from(small.predictRaw(rows(values)))
    expect(blocked).toEqual(values.map((v) => small.predictRaw(rows([v]))[0]))
    // The same two trees padded past BLOCKED_NODE_LIMIT with unreachable leaves: walked tree by tree.
    const a = handBuilt()
    const pad = BLOCKED_NODE_LIMIT
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(array: T, fill: number): T => {
      const out = new (array.constructor as new (n: number) => T)(array.length + pad)
      out.set(array)
      out.fill(fill as never, array.length)
      return out
    }
    const large = new TreeEnsemble({ ...a, feature: grow(a.feature, -1), threshold: grow(a.threshold, 0), defaultLeft: grow(a.defaultLeft, 0), left: grow(a.left, 0), right: grow(a.right, 0), value: grow(a.value, 0) })
    expect(large.nodeCount).toBeGreaterThan(BLOCKED_NODE_LIMIT)
    expect(Array.from(large.predictRaw(rows(values)))).toEqual(blocked)
    // predictRaw may take the WebAssembly kernel: the TypeScript walk, blocked and tree by tree, gives the same.
    expect(Array.from(small.predictRawWalk(rows(values)))).toEqual(blocked)
    expect(Array.from(large.predictRawWalk(rows(values)))).toEqual(blocked)
  })

  it('sends every value left at an infinite threshold and missing values by the default direction', () => {
    const a = handBuilt()
    const ensemble = new TreeEnsemble({ ...a, threshold: Float64Array.of(Infinity, 0, 0, 0, 0, 0), defaultLeft: Uint8Array.of(0, 0, 0, 0, 0, 0) })
    expect(Array.from(ensemble.predictRaw(rows([[Infinity, 3], [1e308, 3], [NaN, 3], [NaN, -1]])))).toEqual([11.5, 11.5, 31.5, 21.5])
  })

  it('scales summed leaves and writes each tree to its output columns', () => {
    const a = handBuilt()
    const forest = new TreeEnsemble({ ...a, outputs: 2, scale: 0.5, baseScore: Float64Array.of(0, 100), treeOutput: Int32Array.of(0, 1) })
    expect(Array.from(forest.predictRaw(rows([[2, 3]])))).toEqual([15, 100.5])
  })

  it('adds multi-output leaves (leafWidth > 1) to consecutive columns', () => {
    const stump: TreeEnsembleArrays = {
      outputs: 3,
      leafWidth: 3,
      scale: 1,
      baseScore: Float64Array.of(0, 0, 0),
      roots: Int32Array.of(0),
      treeOutput: Int32Array.of(0),
      feature: Int32Array.of(0, -1, -1),
      threshold: Float64Array.of(0, 0, 0),
      defaultLeft: Uint8Array.of(0, 0, 0),
      left: Int32Array.of(1, 0, 0),
      right: Int32Array.of(2, 0, 0),
      value: Float64Array.of(0, 0, 0, 0.2, 0.3, 0.5, 0.6, 0.4, 0),
    }
    expect(Array.from(new TreeEnsemble(stump).predictRaw(rows([[-1, 0], [1, 0]])))).toEqual([0.2, 0.3, 0.5, 0.6, 0.4, 0])
  })

  it('round-trips through JSON text with identical predictions and base64 arrays', () => {
    const ensemble = new TreeEnsemble(handBuilt())
    const json = JSON.parse(JSON.stringify(ensemble.toJSON()))
    expect(json).toMatchObject({ format: 'tree-ensemble', version: 1, trees: 2, nodes: 6 })
    expect(typeof json.threshold).toBe('string')
    const restored = TreeEnsemble.fromJSON(json, 2)
    const X = rows([[1, 5], [2, -1], [NaN, NaN], [3, NaN]])
    expect(Array.from(restored.predictRaw(X))).toEqual(Array.from(ensemble.predictRaw(X)))
  })

  it('keeps node cover (float32) when it has it, and loads models saved without it', () => {
    const withCover = new TreeEnsemble({ ...handBuilt(), cover: Float64Array.of(10, 6, 4, 1.5, 2.5, 7) })
    const json = JSON.parse(JSON.stringify(withCover.toJSON()))
    expect(json.version).toBe(1)
    expect(Array.from(TreeEnsemble.fromJSON(json, 2).arrays.cover as Float64Array)).toEqual([10, 6, 4, 1.5, 2.5, 7])
    expect(TreeEnsemble.fromJSON(new TreeEnsemble(handBuilt()).toJSON(), 2).arrays.cover).toBeUndefined()
    const negative = { ...json, cover: encodeBase64(Float32Array.of(10, 6, 4, -1, 2.5, 7)) }
    expect(() => TreeEnsemble.fromJSON(negative, 2)).toThrow(/trees\.cover\[3\] = -1; expected a finite number ≥ 0/)
    expect(() => TreeEnsemble.fromJSON({ ...json, cover: encodeBase64(Float32Array.of(1, 2)) }, 2)).toThrow(/trees\.cover has 2 values; expected 6/)
  })

  it('names the damaged field when loading', () => {
    const good = new TreeEnsemble(handBuilt()).toJSON()
    const { threshold: _dropped, ...withoutThreshold } = good
    expect(() => TreeEnsemble.fromJSON(withoutThreshold, 2)).toThrow(/trees\.threshold is missing/)
    expect(() => TreeEnsemble.fromJSON({ ...good, version: 2 }, 2)).toThrow(/version 2 is not supported/)
    expect(() => TreeEnsemble.fromJSON({ ...good, nodes: 7 }, 2)).toThrow(/trees\.feature has 6 values; expected 7/)
    expect(() => TreeEnsemble.fromJSON(good, 1)).toThrow(/trees\.feature\[2\] = 1 but the model has 1 feature/)
    const looped = { ...good, left: encodeBase64(Int32Array.of(0, 0, 3, 0, 0, 0)) }
    expect(() => TreeEnsemble.fromJSON(looped, 2)).toThrow(/node 0 has children 0 and 2; they must come after it/)
    // A split at NaN sends no value left: refused. Leaves may hold anything there, and infinite thresholds are fine.
    expect(() => TreeEnsemble.fromJSON({ ...good, threshold: encodeBase64(Float64Array.of(1.5, 0, NaN, 0, 0, 0)) }, 2)).toThrow(/trees\.threshold\[2\] is NaN/)
    expect(() => TreeEnsemble.fromJSON({ ...good, threshold: encodeBase64(Float64Array.of(Infinity, NaN, -Infinity, 0, 0, 0)) }, 2)).not.toThrow()
  })
})

describe('base64 of typed arrays', () => {
  it('keeps doubles bit for bit, including Infinity, NaN and -0', () => {
    const values = Float64Array.of(Infinity, -Infinity, NaN, -0, 5e-324, 1 / 3, -1e308)
    const back = decodeTyped(encodeBase64(values), Float64Array, 'test')
    expect(Array.from(back).every((v, i) => Object.is(v, values[i]))).toBe(true)
  })

  it('pads every length and encodes a subarray view only', () => {
    for (let n = 0; n < 7; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i * 37)
      expect(Array.from(decodeTyped(encodeBase64(bytes), Uint8Array, 'test'))).toEqual(Array.from(bytes))
    }
    const ints = Int32Array.of(-1, 2, -3, 4)
    expect(Array.from(decodeTyped(encodeBase64(ints.subarray(1, 3)), Int32Array, 'test'))).toEqual([2, -3])
  })

  it('rejects text that is not base64 or not whole values', () => {
    expect(() => decodeTyped('ab$d', Uint8Array, 'trees.left')).toThrow(/trees\.left has a character that is not base64/)
    expect(() => decodeTyped(encodeBase64(Uint8Array.of(1, 2, 3)), Int32Array, 'trees.left')).toThrow(/3 bytes, not a whole number of 4-byte values/)
  })
})
