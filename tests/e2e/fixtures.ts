import { test as base, expect } from '@playwright/test'
import { StudioPage } from './pages/StudioPage'

/**
 * Every end-to-end test gets a StudioPage and a watch on the network and the
 * console: a request to any origin but the studio's own fails the test (patient
 * data never leaves the browser; no fonts, analytics or CDN scripts), and so does
 * an uncaught error in the page or a worker.
 */
export const test = base.extend<{ studio: StudioPage; allowedForeignUrls: string[]; allowedConsoleErrors: RegExp[] }>({
  allowedForeignUrls: [[], { option: true }],
  /** Console errors a test provokes on purpose (e.g. the browser's report of a refused script). */
  allowedConsoleErrors: [[], { option: true }],
  studio: async ({ page, baseURL, allowedForeignUrls, allowedConsoleErrors }, use) => {
    const origin = new URL(baseURL!).origin
    const foreign: string[] = []
    const errors: string[] = []
    page.on('request', (request) => {
      const url = request.url()
      if (!/^(https?|wss?):/.test(url)) return // data: and blob: URLs stay in the browser
      if (new URL(url).origin !== origin && !allowedForeignUrls.includes(url)) foreign.push(url)
    })
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      const text = message.text()
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(text) && !allowedConsoleErrors.some((allowed) => allowed.test(text))) {
        errors.push(`console.error: ${text}`)
      }
    })
    page.on('worker', (worker) => worker.on('close', () => undefined))
    await use(new StudioPage(page))
    expect(foreign, 'requests to other origins').toEqual([])
    expect(errors, 'uncaught errors in the page').toEqual([])
  },
})

export { expect }
