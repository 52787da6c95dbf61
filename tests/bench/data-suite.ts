/**
 * `npm run bench -- data`: parse (CSV and Parquet), profile, clean and the
 * feature pipeline on generated 100,000 × 30 and 1,000,000 × 30 tables, in
 * Chromium through the studio's real worker path. Prints seconds per stage and
 * peak memory of the browser's processes; writes bench-results/data.json.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchBrowser, startPreview } from './browser'
import { generateTable, tableToCsvText, tableToParquetBuffer } from './generate-table'
import { childProcessesNamed, treeMemoryMB, withPeakMemory } from './memory'

interface Row {
  rows: number
  columns: number
  format: 'csv' | 'parquet'
  stage: string
  seconds: number
  peakMemoryMB: number | null
  longestMainThreadStallMs: number
}

const RESULTS = 'bench-results'
const CACHE = join(RESULTS, 'cache')
const GENERATOR_VERSION = 1

function ensureFiles(rows: number): { csv: string; parquet: string } {
  mkdirSync(CACHE, { recursive: true })
  const csv = join(CACHE, `table-${rows}-v${GENERATOR_VERSION}.csv`)
  const parquet = join(CACHE, `table-${rows}-v${GENERATOR_VERSION}.parquet`)
  if (!existsSync(csv) || !existsSync(parquet)) {
    const started = Date.now()
    const table = generateTable(rows)
    writeFileSync(csv, tableToCsvText(table))
    writeFileSync(parquet, new Uint8Array(tableToParquetBuffer(table)))
    console.log(`  generated ${rows.toLocaleString('en-US')} × 30 in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  return { csv, parquet }
}

export async function runDataBench(sizes = [100_000, 1_000_000]): Promise<Row[]> {
  console.log('data bench: building the bench pages…')
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-bench', '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, STUDIO_BENCH: '1' } })
  const preview = await startPreview('dist-bench')
  const browser = await launchBrowser()
  const results: Row[] = []
  try {
    for (const rows of sizes) {
      const files = ensureFiles(rows)
      for (const format of ['csv', 'parquet'] as const) {
        const page = await browser.newPage()
        page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
        await page.goto(`${preview.url}/tests/bench/data.html`)
        await page.getByText('ready').waitFor()
        await page.getByLabel('Benchmark file').setInputFiles(files[format])
        const root = childProcessesNamed('chrom')[0]
        const baseline = root ? Math.round(treeMemoryMB(root)) : null
        for (const step of ['load', 'clean', 'pipeline'] as const) {
          const { value, peakMemoryMB } = await withPeakMemory(root, () =>
            page.evaluate((name) => (window as unknown as { bench: Record<string, () => Promise<{ stage: string; seconds: number; longestStallMs: number }[]>> }).bench[name](), step),
          )
          for (const stage of value) {
            results.push({ rows, columns: 30, format, stage: stage.stage, seconds: round(stage.seconds), peakMemoryMB, longestMainThreadStallMs: stage.longestStallMs })
          }
        }
        console.log(`  ${rows.toLocaleString('en-US')} rows ${format}: done (browser baseline ${baseline ?? '?'} MB)`)
        await page.close()
      }
    }
  } finally {
    await browser.close()
    await preview.stop()
  }
  printTable(results)
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(join(RESULTS, 'data.json'), JSON.stringify({ results }, null, 2))
  console.log(`wrote ${join(RESULTS, 'data.json')}`)
  return results
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x
}

function printTable(rows: Row[]): void {
  const header = ['rows', 'format', 'stage', 'seconds', 'peak MB', 'main-thread stall ms']
  const lines = rows.map((r) => [r.rows.toLocaleString('en-US'), r.format, r.stage, r.seconds.toFixed(3), String(r.peakMemoryMB ?? '—'), String(r.longestMainThreadStallMs)])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
  console.log(fmt(header))
  for (const l of lines) console.log(fmt(l))
  const parquetLoad = rows.filter((r) => r.rows === 1_000_000 && r.format === 'parquet' && (r.stage === 'parse' || r.stage === 'profile'))
  if (parquetLoad.length === 2) {
    const total = parquetLoad[0].seconds + parquetLoad[1].seconds
    console.log(`goal: 1,000,000-row Parquet loaded and profiled in under 10 s — ${total.toFixed(2)} s (${total < 10 ? 'met' : 'NOT met'})`)
  }
}
