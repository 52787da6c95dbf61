import AxeBuilder from '@axe-core/playwright'
import { renderDriftHtml } from '../../src/core/drift/html/render-report'
import { sampleReport } from '../fixtures/drift-html/sample-report'
import { test, expect } from './fixtures'

/**
 * The self-contained HTML drift report (what `npm run drift -- --html` writes and
 * the Monitor page downloads) opened on its own in Chromium: it asks for nothing
 * over the network, runs nothing, has no serious WCAG 2 A/AA violation, and
 * reads the same on paper.
 */
test('the HTML drift report opens on its own: no request, no script, no serious accessibility violation', async ({ studio, page }) => {
  void studio // the fixture's checks: no foreign request, no uncaught error
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.setContent(renderDriftHtml(sampleReport()), { waitUntil: 'load' })

  await expect(page).toHaveTitle(/^Drift report: clinic & "ward" 2026\.csv against train<2025>\.csv$/)
  await expect(page.getByText('Dataset drift detected')).toBeVisible()
  const table = page.getByRole('table', { name: /Drift per column/ })
  await expect(table.getByRole('row')).toHaveCount(7)
  await expect(table.getByRole('rowheader').first()).toHaveText('Tremor')
  // A column named like markup is shown as text: nothing was injected.
  await expect(table.getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' })).toBeVisible()
  await expect(page.locator('img, script')).toHaveCount(0)
  await expect(page.getByRole('img', { name: /^BMI: reference \(grey bars\) and current \(dark line\) shares per bin/ })).toBeVisible()

  for (const media of ['screen', 'print'] as const) {
    await page.emulateMedia({ media })
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    expect(serious, `${media} violations`).toEqual([])
  }
  expect(requests).toEqual([])
})
