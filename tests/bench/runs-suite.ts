/**
 * `npm run bench -- runs`: fills the studio's IndexedDB with 5,000 generated
 * runs in Chromium and times the Runs page: first render of the table, a
 * filter, a sort and the comparison of 10 runs. Writes bench-results/runs.json.
 * Goal: every action under 300 ms.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchBrowser, startPreview } from './browser'

const GOAL_MS = 300

export async function runRunsBench(count = 5000): Promise<void> {
  console.log('runs bench: building the bench pages…')
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-bench', '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, STUDIO_BENCH: '1' } })
  const preview = await startPreview('dist-bench')
  const browser = await launchBrowser()
  const results: { runs: number; action: string; milliseconds: number }[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
    await page.goto(`${preview.url}/tests/bench/runs.html`)
    await page.getByText('ready').waitFor()
    const measured = await page.evaluate((n) => (window as unknown as { benchRuns(n: number): Promise<{ action: string; milliseconds: number }[]> }).benchRuns(n), count)
    for (const m of measured) results.push({ runs: count, action: m.action, milliseconds: Math.round(m.milliseconds * 10) / 10 })
  } finally {
    await browser.close()
    preview.stop()
  }
  const width = Math.max(...results.map((r) => r.action.length))
  for (const r of results) console.log(`${r.action.padEnd(width)}  ${r.milliseconds.toFixed(1).padStart(8)} ms  ${r.milliseconds < GOAL_MS ? 'under' : 'OVER'} the ${GOAL_MS} ms goal`)
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(join('bench-results', 'runs.json'), JSON.stringify({ results }, null, 2))
  console.log(`wrote ${join('bench-results', 'runs.json')}`)
}
