/**
 * `npm run bench -- runs`: fills the studio's IndexedDB with 5,000 and then
 * 50,000 generated runs in Chromium and times the Runs page, each time from a
 * freshly loaded page: first render of the table, a filter, a sort, ticking a
 * run and the comparison of 10 runs. Every action is repeated (--repeat=N,
 * default 5; --sizes=5000,50000) and reported as median and worst against the
 * goal for its size: under 150 ms at 5,000 runs, under 300 ms at 50,000.
 * Writes bench-results/runs.json.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { SourceMapConsumer } from 'source-map-js'
import { launchBrowser, startPreview } from './browser'

/** Goal per size: every action under this many milliseconds. */
export function goalFor(runs: number): number {
  return runs <= 5000 ? 150 : 300
}

interface Summary {
  runs: number
  action: string
  goalMs: number
  medianMs: number
  worstMs: number
  samplesMs: number[]
  met: boolean
}

export async function runRunsBench(options: { sizes?: number[]; repeat?: number; profile?: boolean } = {}): Promise<Summary[]> {
  const sizes = options.sizes ?? [5000, 50_000]
  const repeat = options.repeat ?? 5
  console.log('runs bench: building the bench pages…')
  execFileSync('node_modules/.bin/vite', ['build', '--outDir', 'dist-bench', '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, STUDIO_BENCH: '1' } })
  const preview = await startPreview('dist-bench')
  const summaries: Summary[] = []
  const load = [loadavg()[0]]
  try {
    const browser = await launchBrowser()
    try {
      for (const count of sizes) {
        // A new context per size: its own, empty IndexedDB.
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
        const page = await context.newPage()
        page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
        await page.goto(`${preview.url}/tests/bench/runs.html`)
        await page.getByText('ready').waitFor()
        const filling = Date.now()
        await page.evaluate((n) => (window as unknown as { benchFill(n: number): Promise<void> }).benchFill(n), count)
        console.log(`  stored ${count.toLocaleString('en-US')} runs in ${((Date.now() - filling) / 1000).toFixed(1)} s`)
        const samples = new Map<string, number[]>()
        for (let r = 0; r < repeat; r++) {
          await page.reload()
          await page.getByText('ready').waitFor()
          const measured = await page.evaluate(() => (window as unknown as { benchMeasure(): Promise<{ action: string; milliseconds: number }[]> }).benchMeasure())
          for (const m of measured) samples.set(m.action, [...(samples.get(m.action) ?? []), Math.round(m.milliseconds * 10) / 10])
          load.push(loadavg()[0])
        }
        if (options.profile) await profileOnce(page, count)
        for (const [action, values] of samples) {
          const sorted = [...values].sort((a, b) => a - b)
          const medianMs = sorted[Math.floor((sorted.length - 1) / 2)]
          const worstMs = sorted[sorted.length - 1]
          const part = action.startsWith('(')
          summaries.push({ runs: count, action, goalMs: part ? NaN : goalFor(count), medianMs, worstMs, samplesMs: values, met: part || worstMs < goalFor(count) })
        }
        await context.close()
      }
    } finally {
      await browser.close()
    }
  } finally {
    await preview.stop()
  }
  const width = Math.max(...summaries.map((s) => s.action.length))
  console.log(`${'runs'.padStart(6)}  ${'action'.padEnd(width)}  ${'median'.padStart(8)}  ${'worst'.padStart(8)}  goal`)
  for (const s of summaries) {
    const verdict = Number.isNaN(s.goalMs) ? '' : `${s.met ? 'met' : 'NOT met'} (worst under ${s.goalMs} ms, ${s.samplesMs.length} runs)`
    console.log(`${String(s.runs).padStart(6)}  ${s.action.padEnd(width)}  ${s.medianMs.toFixed(1).padStart(6)} ms  ${s.worstMs.toFixed(1).padStart(6)} ms  ${verdict}`)
  }
  const loadAverage = { min: Math.min(...load), max: Math.max(...load) }
  console.log(`1-minute load average during the bench: ${loadAverage.min.toFixed(2)}–${loadAverage.max.toFixed(2)}`)
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(join('bench-results', 'runs.json'), JSON.stringify({ loadAverage, results: summaries }, null, 2))
  console.log(`wrote ${join('bench-results', 'runs.json')}`)
  return summaries
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

/**
 * --profile: one more measured pass under Chromium's CPU profiler (CDP), then
 * the functions with the most self time, so a change starts from where the time goes.
 */
async function profileOnce(page: Page, count: number): Promise<void> {
  await page.reload()
  await page.getByText('ready').waitFor()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  await page.evaluate(() => (window as unknown as { benchMeasure(): Promise<unknown> }).benchMeasure())
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const name = originalName(byId.get(id)!.callFrame)
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  console.log(`  profile at ${count.toLocaleString('en-US')} runs, self time (ms):`)
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`)
  await cdp.detach()
}

const sourceMaps = new Map<string, SourceMapConsumer | null>()

/** A profiled frame named by its place in the sources (through the bench build's source maps). */
function originalName(frame: ProfileNode['callFrame']): string {
  const file = frame.url.split('/').pop() ?? ''
  if (!sourceMaps.has(file)) {
    const path = join('dist-bench', 'assets', `${file}.map`)
    sourceMaps.set(file, file && existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null)
  }
  const original = sourceMaps.get(file)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber })
  if (original?.source) return `${original.name ?? frame.functionName ?? '(anonymous)'} ${original.source.replace(/^(\.\.\/)+/, '')}:${original.line}`
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
}
