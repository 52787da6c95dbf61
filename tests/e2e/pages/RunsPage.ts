import { expect, type Locator, type Page } from '@playwright/test'

/** The Runs section: the runs table, its filters, and an opened run. */
export class RunsPage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByRole('table', { name: 'Runs' })
  }

  /** Data rows (the header row left out). */
  rows(): Locator {
    return this.table().locator('tbody').getByRole('row')
  }

  /** The texts of one column, found by its header, for every data row shown. */
  async columnTexts(header: string): Promise<string[]> {
    const headers = await this.table().getByRole('columnheader').allInnerTexts()
    const index = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === header)
    if (index < 0) throw new Error(`no column "${header}" among ${headers.join(', ')}`)
    return this.rows().locator(`td:nth-child(${index + 1})`).allInnerTexts()
  }

  /** Opens the `index`-th run as listed and registers its model under `model`, expecting it to become `version`. */
  async register(index: number, model: string, version: number): Promise<void> {
    const toggle = this.table().getByRole('button', { name: /^(Open|Hide) the / }).nth(index)
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
    await this.page.getByLabel('Register this model as').fill(model)
    await this.page.getByRole('button', { name: 'Register model' }).click()
    await expect(this.page.getByText(`Registered as version ${version} of "${model}".`)).toBeVisible()
  }
}
