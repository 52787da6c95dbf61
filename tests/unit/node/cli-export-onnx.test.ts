/**
 * `npm run export -- --model bundle.json --format onnx --out model.onnx`:
 * the file it writes loads in onnxruntime-node with one input per pipeline
 * column and scores as the studio does, with the bundle's cleaning in the
 * graph or (--after-cleaning) before it; usage errors exit 2, refusals and
 * unreadable files 1, each as one line naming the problem.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterAll, describe, expect, it } from 'vitest'
import { exportMain } from '../../../src/node/cli/export'
import { msSample, trainMs } from '../core/bundle/helpers'
import { graphCleaningRecipe } from '../core/interop/onnx/graph-cleaning'

const work = mkdtempSync(join(tmpdir(), 'studio-onnx-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await exportMain(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

const ms = await msSample()
const { bundle } = await trainMs(ms.table, ms.recipe, { family: 'forest', params: { nTrees: 10 } })
const bundlePath = join(work, 'ms.json')
writeFileSync(bundlePath, JSON.stringify(bundle))

describe('npm run export --format onnx', () => {
  it('refuses a bundle whose cleaning has a step with no exact ONNX form, naming it (exit 1), and writes nothing', async () => {
    const out = join(work, 'refused.onnx')
    const result = await run(['--model', bundlePath, '--format', 'onnx', '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^export: onnx: the model's cleaning has \d+ steps? with no exact ONNX form — step \d+ \(standardize-text "gender"\): trims spaces.* Export the graph that starts after cleaning instead \(--after-cleaning;/)
    expect(existsSync(out)).toBe(false)
  })

  it('--after-cleaning writes a model onnxruntime loads, with the pipeline’s inputs and label, probabilities out', async () => {
    const out = join(work, 'ms.onnx')
    const result = await run(['--model', bundlePath, '--format', 'onnx', '--out', out, '--after-cleaning'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^export: wrote .*ms\.onnx \([\d,]+ bytes\): forest binary model as ONNX; inputs 5 float32 and 3 string column\(s\) \[N, 1\]; outputs label, probabilities; inputs are the columns after the bundle's \d+ cleaning step\(s\), run them first\n$/)
    const session = await ort.InferenceSession.create(readFileSync(out))
    expect(session.inputNames).toEqual(bundle.pipeline.inputs.map((c) => c.name))
    expect(session.outputNames).toEqual(['label', 'probabilities'])
    await session.release()
  })

  it('a bundle whose cleaning ONNX can do exactly: the graph runs it on raw values, and stderr says so', async () => {
    const { bundle: clean } = await trainMs(ms.table, graphCleaningRecipe(ms.table), { family: 'logistic' })
    const path = join(work, 'graph-cleaning.json')
    writeFileSync(path, JSON.stringify(clean))
    const out = join(work, 'graph-cleaning.onnx')
    const result = await run(['--model', path, '--format', 'onnx', '--out', out])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/outputs label, probabilities; the graph runs the bundle's 4 cleaning step\(s\) on the raw inputs\n$/)
    const session = await ort.InferenceSession.create(readFileSync(out))
    const feeds = Object.fromEntries(clean.pipeline.inputs.map((c) => [c.name, c.type === 'number' ? new ort.Tensor('float32', Float32Array.of(c.name === 'edss' ? 3 : 40), [1, 1]) : new ort.Tensor('string', [c.name === 'gender' ? 'F' : ''], [1, 1])]))
    const viaMap = await session.run(feeds)
    const spelled = await session.run({ ...feeds, gender: new ort.Tensor('string', ['Female'], [1, 1]) })
    expect(Array.from(viaMap.probabilities.data as Float32Array)).toEqual(Array.from(spelled.probabilities.data as Float32Array))
    await session.release()
  })

  it('--after-cleaning applies to --format onnx only (exit 2)', async () => {
    const result = await run(['--model', bundlePath, '--format', 'xgboost', '--out', join(work, 'x.json'), '--after-cleaning'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('export: --after-cleaning applies to --format onnx; see --help\n')
  })

  it('needs --out (the model is binary, never written to stdout): exit 2', async () => {
    const result = await run(['--model', bundlePath, '--format', 'onnx'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('export: --out is required; see --help\n')
  })

  it('a bundle that is not one: exit 1 naming the file', async () => {
    const bad = join(work, 'bad.json')
    writeFileSync(bad, '{"format": "something else"}')
    const result = await run(['--model', bad, '--format', 'onnx', '--out', join(work, 'bad.onnx')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^export: bundle: format is "something else"/)
  })
})
