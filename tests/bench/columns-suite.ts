/**
 * `npm run bench -- columns`: the Data page with a wide table. Opens a generated
 * 2,000 × 500 CSV in the built studio in Chromium and times what a user does
 * there: loading the file, picking the target, "Use none", "Use all", ticking one
 * feature, opening a column's details, the correlation heatmap, scrolling the column table.
 *
 * For each action it reports the longest frame the page spent without painting
 * (Long Animation Frames: script, style, layout and paint together) — the freeze a
 * user feels — and the time until the page had finished updating (which includes
 * work done in the data worker while the page stays responsive). Goal: no frame
 * over 100 ms. Writes bench-results/columns.json.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { launchBrowser, startPreview } from './browser'
import { generateWideCsv } from './generate-wide'

const GOAL_MS = 100
const ROWS = 2000
const COLUMNS = 500
const QUIET_MS = 400

interface Summary {
  action: string
  /** Median over the passes of the longest frame. */
  longestFrameMs: number
  worstFrameMs: number
  settledMs: number
}

interface Measured {
  action: string
  /** Longest frame (task + rendering) between the action and the page settling. */
  longestFrameMs: number
  /** From the action until the page showed its result and stayed quiet. */
  settledMs: number
}

/** Records every long animation frame (≥ 50 ms) the page has, from the first script on. */
function observeFrames(): void {
  const frames: { start: number; end: number }[] = []
  Object.assign(window, { __frames: frames })
  // (No named helper functions in here: tsx would wrap them in a __name() call the page does not have.)
  for (const type of ['long-animation-frame', 'longtask']) {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) frames.push({ start: e.startTime, end: e.startTime + e.duration })
      }).observe({ type, buffered: true })
      return
    } catch {
      // not supported by this browser: try the next kind of entry
    }
  }
}

function ensureFile(): string {
  const dir = join('bench-results', 'cache')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `wide-${ROWS}x${COLUMNS}-v1.csv`)
  if (!existsSync(path)) writeFileSync(path, generateWideCsv(ROWS, COLUMNS))
  return path
}

const now = (page: Page) => page.evaluate(() => performance.now())

/**
 * Runs `act`, waits until `done` (a locator's wait: no code is evaluated from
 * text, which the studio's Content-Security-Policy forbids) and until no long
 * frame has started for QUIET_MS, then reports the longest frame since the action began.
 */
async function measure(page: Page, action: string, act: () => Promise<unknown>, done: () => Promise<unknown>): Promise<Measured> {
  const start = await now(page)
  await act()
  await done()
  const doneAt = await now(page)
  for (;;) {
    const { last, t } = await page.evaluate(() => {
      const frames = (window as unknown as { __frames: { start: number; end: number }[] }).__frames
      return { last: frames.length ? frames[frames.length - 1].end : 0, t: performance.now() }
    })
    if (t - Math.max(last, doneAt) >= QUIET_MS) break
    await page.waitForTimeout(100)
  }
  return page.evaluate(
    ({ action, start, doneAt }) => {
      const frames = (window as unknown as { __frames: { start: number; end: number }[] }).__frames.filter((f) => f.end > start)
      const longest = frames.reduce((m, f) => Math.max(m, f.end - Math.max(f.start, start)), 0)
      const settled = Math.max(doneAt, ...frames.map((f) => f.end)) - start
      return { action, longestFrameMs: Math.round(longest), settledMs: Math.round(settled) }
    },
    { action, start, doneAt },
  )
}

/** Scrolls the column table's box (or the page, when the table has no box of its own) top to bottom in 20 steps. */
async function scrollTable(): Promise<void> {
  const table = document.querySelector<HTMLElement>('table[aria-label="Column profile"]')!
  let scroller = table.parentElement
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement
  // (No named helper functions in here: tsx would wrap them in a __name() call the page does not have.)
  const top = table.getBoundingClientRect().top + window.scrollY
  for (let i = 1; i <= 20; i++) {
    if (scroller) scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * i) / 20
    else window.scrollTo(0, top + ((table.offsetHeight - window.innerHeight) * i) / 20)
    for (let f = 0; f < 2; f++) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  }
}

/** One pass over the page: a fresh tab, the sample, then the wide file and every action. */
async function measureOnce(page: Page, url: string, file: string, log: boolean): Promise<Measured[]> {
  const results: Measured[] = []
  await page.goto(url)
  // The Parkinson's sample loads first; wait for it so its work is not counted.
  await page.getByTestId('column-count').filter({ hasText: '35' }).waitFor()
  await page.waitForTimeout(1500)

  results.push(
    await measure(
      page,
      `open the ${ROWS.toLocaleString('en-US')} × ${COLUMNS} CSV (load to interactive)`,
      () => page.getByLabel(/^Open a CSV/).setInputFiles(file),
      () => page.locator('table[aria-label="Column profile"]').getByRole('button', { name: 'lab_001: show details' }).waitFor({ timeout: 120_000 }),
    ),
  )
  if (log) {
    const count = await page.locator('table[aria-label="Column profile"] tbody tr').count()
    const tableHeight = await page.locator('table[aria-label="Column profile"]').evaluate((t) => Math.round(t.getBoundingClientRect().height))
    const boxHeight = await page.locator('table[aria-label="Column profile"]').evaluate((t) => Math.round(t.parentElement!.getBoundingClientRect().height))
    console.log(`  column table: ${count} rows in the DOM; table ${tableHeight} px tall in a box ${boxHeight} px tall on the page`)
  }
  results.push(
    await measure(page, 'pick the target', () => page.getByLabel('Target column').selectOption('outcome'), () => page.getByText(/^no: [\d,]+ \(\d+%\) · yes: /).waitFor()),
  )
  const featureCount = (n: number) => () => page.getByText(new RegExp(`^${n} columns? used as features`)).waitFor()
  results.push(await measure(page, '"Use none"', () => page.getByRole('button', { name: 'Use none' }).click(), featureCount(0)))
  results.push(await measure(page, '"Use all as features"', () => page.getByRole('button', { name: 'Use all as features' }).click(), featureCount(COLUMNS - 1)))
  results.push(
    await measure(page, 'untick one feature', () => page.getByRole('checkbox', { name: 'Use lab_002 as a feature' }).click(), featureCount(COLUMNS - 2)),
  )
  results.push(
    await measure(
      page,
      "open a column's details (first chart: loads plotly)",
      () => page.getByRole('button', { name: /^lab_003: show details/ }).click(),
      () => page.locator('.plot[aria-label="Distribution of lab_003"] svg').first().waitFor(),
    ),
  )
  results.push(
    await measure(
      page,
      "open another column's details",
      () => page.getByRole('button', { name: /^lab_005: show details/ }).click(),
      () => page.locator('.plot[aria-label="Distribution of lab_005"] svg').first().waitFor(),
    ),
  )
  await page.getByRole('button', { name: /^lab_005: hide details/ }).click()
  await page.waitForTimeout(QUIET_MS)
  results.push(
    await measure(
      page,
      'show the correlation heatmap (60 of the numeric columns)',
      () => page.getByRole('button', { name: /^Show the correlation heatmap/ }).click(),
      () => page.locator('.plot[aria-label^="Correlation heatmap"] svg').first().waitFor(),
    ),
  )
  results.push(await measure(page, 'scroll the column table top to bottom (20 steps)', () => page.evaluate(scrollTable), () => Promise.resolve()))
  return results
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Runs the pass `repeat` times (fresh tab each time) and reports the median and worst of each action. */
export async function runColumnsBench(repeat = 3): Promise<Summary[]> {
  console.log('columns bench: building the studio…')
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-bench', '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, STUDIO_BENCH: '1' } })
  const file = ensureFile()
  const preview = await startPreview('dist-bench')
  const browser = await launchBrowser()
  const passes: Measured[][] = []
  try {
    for (let i = 0; i < repeat; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
      await page.addInitScript(observeFrames)
      passes.push(await measureOnce(page, preview.url, file, i === 0))
      await page.close()
    }
  } finally {
    await browser.close()
    await preview.stop()
  }
  const results: Summary[] = passes[0].map((first, k) => {
    const frames = passes.map((p) => p[k].longestFrameMs)
    return { action: first.action, longestFrameMs: median(frames), worstFrameMs: Math.max(...frames), settledMs: median(passes.map((p) => p[k].settledMs)) }
  })
  const width = Math.max(...results.map((r) => r.action.length))
  console.log(`median of ${repeat} passes; a frame under 50 ms is not reported by the browser and counts as 0`)
  console.log(`${'action'.padEnd(width)}  longest frame (worst)   settled`)
  for (const r of results) {
    const frame = `${r.longestFrameMs} ms (${r.worstFrameMs})`
    console.log(`${r.action.padEnd(width)}  ${frame.padStart(18)}  ${String(r.settledMs).padStart(6)} ms  ${r.longestFrameMs <= GOAL_MS ? 'under' : 'OVER'} the ${GOAL_MS} ms goal`)
  }
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(join('bench-results', 'columns.json'), JSON.stringify({ rows: ROWS, columns: COLUMNS, goalMs: GOAL_MS, repeat, results, passes }, null, 2))
  console.log(`wrote ${join('bench-results', 'columns.json')}`)
  return results
}
