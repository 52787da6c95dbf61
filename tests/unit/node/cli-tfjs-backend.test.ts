/**
 * A CLI command run as a process registers the Node tfjs backend
 * (run-cli.ts runAsScript): `npm run train` fits the neural net on wasm, on
 * cpu with STUDIO_TFJS_BACKEND=cpu, and refuses another value in one line.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { TrainSummary } from '../../../src/node/cli/train'

const root = new URL('../../../', import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), 'studio-cli-tfjs-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function train(backend: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, STUDIO_DEBUG: '' }
  delete env.STUDIO_TFJS_BACKEND
  if (backend !== undefined) env.STUDIO_TFJS_BACKEND = backend
  const args = ['--data', join(root, 'sample-data/parkinsons.csv'), '--target', 'Diagnosis', '--model', 'mlp', '--params', '{"epochs":3,"earlyStoppingPatience":0}', '--out', join(work, `mlp-${backend ?? 'default'}.json`)]
  return spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/node/cli/train.ts'), ...args], { cwd: root, encoding: 'utf8', env })
}

describe('npm run train --model mlp as a process', () => {
  it('trains on wasm by default; stdout holds only the summary', () => {
    const child = train(undefined)
    expect(child.status).toBe(0)
    expect(child.stdout.trim().split('\n')).toHaveLength(1)
    const summary = JSON.parse(child.stdout) as TrainSummary
    expect(summary.backend).toBe('wasm')
    expect(summary.metrics.auc).toBeGreaterThan(0.7)
  })

  it('trains on cpu with STUDIO_TFJS_BACKEND=cpu', () => {
    const child = train('cpu')
    expect(child.status).toBe(0)
    expect((JSON.parse(child.stdout) as TrainSummary).backend).toBe('cpu')
  })

  it('refuses another STUDIO_TFJS_BACKEND with exit 2 and one line', () => {
    const child = train('gpu')
    expect(child.status).toBe(2)
    expect(child.stdout).toBe('')
    expect(child.stderr.trim().split('\n')).toEqual(['tfjs backend: STUDIO_TFJS_BACKEND = "gpu" is not a backend; expected one of wasm, cpu (or leave it unset for wasm)'])
  })
})
