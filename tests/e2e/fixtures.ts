import { test as base, expect } from '@playwright/test'
import { StudioPage } from './pages/StudioPage'

/**
 * Every end-to-end test gets a StudioPage and a watch on the network and the
 * console: a request to any origin but the studio's own fails the test (patient
 * data never leaves the browser; no fonts, analytics or CDN scripts), and so does
 * an uncaught error in the page or a worker.
 */
export const test = base.extend<{ studio: StudioPage; allowedForeignUrls: string[] }>({
  allowedForeignUrls: [[], { option: true }],
  studio: async ({ page, baseURL, allowedForeignUrls }, use) => {
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
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(message.text())) {
        errors.push(`console.error: ${message.text()}`)
      }
    })
    page.on('worker', (worker) => worker.on('close', () => undefined))
    await use(new StudioPage(page))
    expect(foreign, 'requests to other origins').toEqual([])
    expect(errors, 'uncaught errors in the page').toEqual([])
  },
})

export { expect }
