/**
 * When tfjs' wasm backend cannot start in Node (here: its binaries are not
 * where it is told to look), the neural net still trains, on the cpu backend,
 * and stderr says so once. A file of its own: a failed wasm start cannot be
 * retried in the same process.
 */
import { describe, expect, it } from 'vitest'
import { MultilayerPerceptron } from '../../../src/core/model/mlp/mlp'
import { startNodeTfjsBackend } from '../../../src/node/tfjs-backend'
import { synthetic } from '../core/model/mlp/helpers'

describe('the Node tfjs backend when wasm cannot start', () => {
  it('falls back to cpu with one note, and training still works', async () => {
    const notes: string[] = []
    const backend = await startNodeTfjsBackend({ wasmDirectory: '/nonexistent-tfjs-wasm/', warn: (text) => void notes.push(text) })
    expect(backend).toBe('cpu')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatch(/^tfjs: the WebAssembly \(wasm\) backend could not start \(.+\); training the neural net on tfjs' pure-JavaScript cpu backend instead/)
    const { X, y } = synthetic('binary', 120, 3, 5)
    const report = await new MultilayerPerceptron({ epochs: 2, earlyStoppingPatience: 0 }).fit(X, y, { task: 'binary', classCount: 2 })
    expect(report.backend).toBe('cpu')
  })
})
