/**
 * `npm run bench -- smoke`: what every browser suite does, minus the
 * measuring: serves a small page with vite preview, opens it in Chromium,
 * prints the preview's pid (its process group) and stops. `--fail` throws
 * once both run (as a suite that fails halfway would); `--hang` waits until the
 * bench is interrupted. tests/unit/bench/bench-exit.test.ts runs it to check
 * that a bench exits by itself with its status and leaves no process behind.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchBrowser, startPreview } from './browser'

export async function runSmokeBench(options: { fail?: boolean; hang?: boolean } = {}): Promise<void> {
  // One fixed folder, rewritten each time: an interrupted run leaves nothing new behind.
  const dir = join('bench-results', 'smoke')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>smoke</title><p>ready</p>')
  const preview = await startPreview(dir)
  console.log(`smoke: preview pid ${preview.pid}`)
  const browser = await launchBrowser()
  const cdp = await browser.newBrowserCDPSession()
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }
  await cdp.detach()
  console.log(`smoke: browser pid ${processInfo.find((p) => p.type === 'browser')?.id ?? 'unknown'}`)
  const page = await browser.newPage()
  await page.goto(preview.url)
  await page.getByText('ready').waitFor()
  console.log('smoke: page ready')
  if (options.hang) await new Promise(() => undefined)
  if (options.fail) throw new Error('smoke: failing on purpose (--fail)')
  await browser.close()
  await preview.stop()
}
