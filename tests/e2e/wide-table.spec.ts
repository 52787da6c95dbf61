import { generateWideCsv } from '../bench/generate-wide'
import { test, expect } from './fixtures'

test.setTimeout(180_000)

/** 300 rows × 500 columns: patient_id, lab_001 … code_… …, outcome (the bench's generator, seeded). */
const WIDE = Buffer.from(generateWideCsv(300, 500))

test('a 500-column table draws a few dozen rows, yet a column far down is reached by keyboard and ticked off', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.pickFile('wide.csv', WIDE, 'text/csv')
  await studio.expectDataset('wide.csv', '300', '500')
  const table = studio.columnTable()
  await expect(table).toHaveAttribute('aria-rowcount', '501')
  const rows = table.locator('tbody tr[data-column]')
  await expect(rows.first()).toBeVisible()
  expect(await rows.count()).toBeLessThan(60)
  // The box scrolls, not the page: the table is in a box no taller than the window.
  const box = await table.evaluate((t) => ({ box: t.parentElement!.clientHeight, window: window.innerHeight, table: (t as HTMLElement).offsetHeight }))
  expect(box.box).toBeLessThanOrEqual(box.window)
  expect(box.table).toBeGreaterThan(500 * 30)

  // Features before: every lab and code column (not the identifier, not the constants).
  const features = page.getByText(/\d+ columns? used as features/)
  const before = Number((await features.innerText()).split(' ')[0])

  // Keyboard: from the first tick box, End goes to the last column's tick box (drawn and scrolled to on the way).
  const first = page.getByRole('checkbox', { name: 'Use lab_001 as a feature' })
  await first.focus()
  await page.keyboard.press('End')
  await expect(page.getByRole('checkbox', { name: 'Use outcome as a feature' })).toBeFocused()
  // ↑ twice: outcome → lab_498 → lab_497; Space unticks it.
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  const far = page.getByRole('checkbox', { name: 'Use lab_497 as a feature' })
  await expect(far).toBeFocused()
  await expect(far).toBeInViewport()
  await page.keyboard.press('Space')
  await expect(far).not.toBeChecked()
  await expect(features).toHaveText(new RegExp(`^${before - 1} columns used as features`))
  // Its row says where it sits in the whole table (row 1 is the header), and the first rows are gone from the DOM.
  await expect(table.locator('tr[data-column="lab_497"]')).toHaveAttribute('aria-rowindex', '499')
  await expect(first).toHaveCount(0)
  expect(await rows.count()).toBeLessThan(60)

  // Focus is kept while the mouse scrolls far away: the focused row stays drawn.
  await table.hover()
  for (let i = 0; i < 40 && (await page.getByRole('button', { name: 'patient_id: show details' }).count()) === 0; i++) {
    await page.mouse.wheel(0, -2000)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  }
  await expect(far).toBeFocused()
  await expect(first).toBeChecked()

  // Scrolling (mouse wheel) to a column in the middle and ticking it off by mouse.
  const middle = page.getByRole('checkbox', { name: 'Use lab_251 as a feature' })
  // Small steps (a few rows each), letting the table redraw after each, so the row is drawn on the way down.
  const frames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  for (let i = 0; i < 120 && (await middle.count()) === 0; i++) {
    await page.mouse.wheel(0, 200)
    await frames()
  }
  await middle.uncheck()
  await expect(features).toHaveText(new RegExp(`^${before - 2} columns used as features`))

  // A column's details open inside the virtualised table.
  await page.getByRole('button', { name: 'lab_252: show details' }).click()
  await expect(page.getByRole('img', { name: 'Distribution of lab_252' }).last()).toBeVisible()
})
