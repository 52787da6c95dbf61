/**
 * Every bench ends by itself with its status and leaves no process behind
 * (issue 15): `npm run bench` used to print its results and hang, because
 * `vite preview` outlived the npx wrapper that was killed. The smoke suite
 * (tests/bench/smoke-suite.ts) starts what a browser suite starts — vite
 * preview in its own process group, Chromium — and these tests check, from
 * /proc, that none of it is left once the bench has exited: after success,
 * after a failure, and after SIGTERM.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].some((p) => existsSync(p)) || !!process.env.CHROMIUM_PATH

interface Outcome {
  code: number | null
  stdout: string
  previewPid: number
  browserPid: number
}

/** Runs `npm run bench -- smoke <flags>` (as node + tsx, so the pid is the bench's); `onReady` gets the child once the page is up. */
function bench(flags: string[], onReady?: (pid: number) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', 'smoke', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (onReady && stdout.includes('smoke: page ready')) {
        const ready = onReady
        onReady = undefined
        ready(child.pid!)
      }
    })
    child.stderr.on('data', () => undefined)
    child.on('error', reject)
    // 'exit', not 'close': a process left holding the bench's pipes must not make this wait.
    child.on('exit', (code, signal) => {
      const pid = (name: string) => Number(new RegExp(`smoke: ${name} pid (\\d+)`).exec(stdout)?.[1] ?? NaN)
      resolve({ code: code ?? (signal ? -1 : null), stdout, previewPid: pid('preview'), browserPid: pid('browser') })
    })
  })
}

/** pid → process group and state, for every process on the machine; zombies (already dead) left out. */
function liveProcesses(): { pid: number; pgid: number }[] {
  const found: { pid: number; pgid: number }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (fields[0] !== 'Z') found.push({ pid: Number(entry), pgid: Number(fields[2]) })
    } catch {
      // exited while listing
    }
  }
  return found
}

function stillThere(outcome: Outcome): number[] {
  return liveProcesses()
    .filter((p) => p.pgid === outcome.previewPid || p.pid === outcome.browserPid || p.pgid === outcome.browserPid)
    .map((p) => p.pid)
}

/**
 * What the bench left: its processes still alive once the kernel has had a
 * moment to finish those the bench's last SIGKILL hit as it exited (a killed
 * Chromium helper can be seen running for a few milliseconds after the bench
 * is gone; one that is truly left behind stays, and fails the test).
 */
async function leftBehind(outcome: Outcome): Promise<number[]> {
  let pids = stillThere(outcome)
  for (let look = 0; look < 50 && pids.length > 0; look++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    pids = stillThere(outcome)
  }
  return pids
}

describe.skipIf(!CHROMIUM)('a bench exits by itself and leaves no process behind', () => {
  it('after success: status 0, vite preview and Chromium gone', async () => {
    const outcome = await bench([])
    expect(outcome.stdout).toContain('smoke: page ready')
    expect(outcome.previewPid).toBeGreaterThan(0)
    expect(outcome.browserPid).toBeGreaterThan(0)
    expect(outcome.code).toBe(0)
    expect(await leftBehind(outcome)).toEqual([])
  })

  it('after a suite fails with its server and browser still open: status 1, nothing left', async () => {
    const outcome = await bench(['--fail'])
    expect(outcome.stdout).toContain('smoke: page ready')
    expect(outcome.code).toBe(1)
    expect(await leftBehind(outcome)).toEqual([])
  })

  it('after SIGTERM mid-suite: status 143, nothing left', async () => {
    const outcome = await bench(['--hang'], (pid) => process.kill(pid, 'SIGTERM'))
    expect(outcome.stdout).toContain('smoke: page ready')
    expect(outcome.code).toBe(143)
    expect(await leftBehind(outcome)).toEqual([])
  })

  it('an unknown suite: status 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', 'no-such-suite'], { stdio: 'ignore' })
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2)
  })
})
