/**
 * `npm run pipeline` as cron or Airflow runs it: a real process (tsx, as the
 * npm script starts it) whose exit code says what happened — 0 promoted,
 * 3 kept out, 1 failed, 2 bad usage — with one JSON line per stage and a
 * summary on stdout. Each child runs in its own process group, killed after.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { msLabelNoise, msRows, msSpec, msWithout, ROOT } from '../core/workflow/support'

const work = mkdtempSync(join(tmpdir(), 'studio-cli-pipeline-'))
const registry = join(work, 'models')
const specPath = join(work, 'pipeline.json')
writeFileSync(specPath, JSON.stringify(msSpec(), null, 2))
const children = new Set<number>()

afterAll(() => {
  for (const pid of children) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true })
})

interface Outcome {
  code: number | null
  lines: Record<string, any>[]
  stderr: string
}

/** Runs the CLI in its own process group; resolves with its exit code and output. */
function pipeline(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/node/cli/pipeline.ts'), ...args], { cwd: work, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    if (child.pid) children.add(child.pid)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // the group has exited
        }
        children.delete(child.pid)
      }
      resolve({ code, stderr, lines: stdout.trim() === '' ? [] : stdout.trim().split('\n').map((line) => JSON.parse(line)) })
    })
  })
}

function dataFile(name: string, bytes: Uint8Array): string {
  const path = join(work, name)
  writeFileSync(path, bytes)
  return path
}

describe('npm run pipeline', () => {
  it('exits 0 when the new model is promoted, printing one JSON line per stage and a summary', async () => {
    const run = await pipeline(['--spec', specPath, '--data', dataFile('ms.csv', msRows()), '--registry', registry])
    expect(run.stderr).not.toMatch(/error/i)
    expect(run.code).toBe(0)
    expect(run.lines.slice(0, 8).map((l) => [l.stage, l.status])).toEqual(
      ['load', 'validate', 'clean', 'features', 'train', 'evaluate', 'register', 'promote'].map((s) => [s, 'done']),
    )
    const summary = run.lines[8]
    expect(summary).toMatchObject({ pipeline: 'ms-response', outcome: 'promoted', registered: { name: 'MS response', version: 1, file: join(registry, 'ms-response', 'v1.json') }, failed: null })
    expect(JSON.parse(readFileSync(summary.registered.file, 'utf8')).registry).toMatchObject({ version: 1, stage: 'Production' })
  })

  it('exits 3 when the challenger is kept out', async () => {
    const run = await pipeline(['--spec', specPath, '--data', dataFile('ms-noisy.csv', msLabelNoise(0.3, 1)), '--registry', registry])
    expect(run.code).toBe(3)
    const summary = run.lines.at(-1)
    expect(summary).toMatchObject({ outcome: 'kept', registered: { version: 2 }, decision: { promoted: false, champion: { version: 1 } } })
    expect(summary?.decision.comment).toMatch(/^kept version 1: AUC 0\.\d{3} vs 0\.\d{3}, −0\.\d{3} < 0\.005$/)
    expect(run.stderr).toContain(summary?.decision.comment)
  })

  it('exits 1 when a stage fails, naming the stage and the missing columns', async () => {
    const before = readFileSync(join(registry, 'ms-response', 'registry.json'), 'utf8')
    const run = await pipeline(['--spec', specPath, '--data', dataFile('ms-no-edss.csv', msWithout('edss')), '--registry', registry])
    expect(run.code).toBe(1)
    expect(run.lines.map((l) => l.status ?? l.outcome)).toEqual(['done', 'done', 'failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'failed'])
    expect(run.lines.at(-1)?.failed).toEqual({ stage: 'clean', message: expect.stringContaining('"edss"') })
    expect(run.stderr).toMatch(/^pipeline: stage clean failed: recipe: a column the recipe needs is not in "ms-no-edss.csv": "edss"/m)
    expect(readFileSync(join(registry, 'ms-response', 'registry.json'), 'utf8')).toBe(before)
  })

  it('exits 1 for a spec that is not valid, naming the field', async () => {
    const bad = join(work, 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...msSpec(), promotion: { metric: 'auc', minGain: -1, requireGolden: true } }))
    const run = await pipeline(['--spec', bad, '--data', join(work, 'ms.csv'), '--registry', registry])
    expect(run.code).toBe(1)
    expect(run.lines).toEqual([])
    expect(run.stderr.trim()).toBe('pipeline: pipeline: promotion.minGain is -1; expected a number ≥ 0')
  })

  it('exits 1 without touching the model while another pipeline holds its lock', async () => {
    const lock = join(registry, '.ms-response.lock')
    writeFileSync(lock, `${process.pid}\n`)
    try {
      const run = await pipeline(['--spec', specPath, '--data', join(work, 'ms.csv'), '--registry', registry])
      expect(run.code).toBe(1)
      expect(run.lines).toEqual([])
      expect(run.stderr).toContain(`pipeline: registry directory: another pipeline (process ${process.pid}) is writing model "MS response"`)
    } finally {
      rmSync(lock, { force: true })
    }
  })

  it('exits 2 for bad usage', async () => {
    const missing = await pipeline(['--data', 'x.csv', '--registry', registry])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim()).toBe('pipeline: --spec is required; see --help')
    const unknown = await pipeline(['--spec', specPath, '--data', 'x.csv', '--registry', registry, '--force'])
    expect(unknown.code).toBe(2)
  })
})
