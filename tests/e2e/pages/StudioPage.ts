import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'

export const SAMPLE_DIR = new URL('../../../sample-data/', import.meta.url).pathname

/** The studio as a user sees it: find things by role and label, never by CSS class. */
export class StudioPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/')
  }

  /** Waits until the named dataset is the one shown. */
  async expectDataset(name: string, rows: string, columns: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name })).toBeVisible()
    await expect(this.page.getByTestId('row-count')).toHaveText(rows)
    await expect(this.page.getByTestId('column-count')).toHaveText(columns)
  }

  /** Drops a file on the drop zone with a real DataTransfer, as a drag from the desktop would. */
  async dropFile(path: string, name: string, mimeType = 'text/csv'): Promise<void> {
    const base64 = readFileSync(path).toString('base64')
    const dataTransfer = await this.page.evaluateHandle(
      ({ base64, name, mimeType }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const transfer = new DataTransfer()
        transfer.items.add(new File([bytes], name, { type: mimeType }))
        return transfer
      },
      { base64, name, mimeType },
    )
    const zone = this.page.getByRole('region', { name: 'Drop a CSV or Parquet file here' })
    for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer })
  }

  /** Picks a file through the file input, as the "Choose a file…" dialog would. */
  async pickFile(name: string, buffer: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
    await this.page.getByLabel('Open a CSV or Parquet file').setInputFiles({ name, mimeType, buffer })
  }

  async openUrl(url: string): Promise<void> {
    await this.page.getByLabel(/Or open a URL/).fill(url)
    await this.page.getByRole('button', { name: 'Open URL' }).click()
  }

  errorAlert(): Locator {
    return this.page.getByRole('alert')
  }

  /** The dataset-level warnings list on the Data page (reader findings included). */
  profileWarnings(): Locator {
    return this.page.getByRole('list', { name: 'Profile warnings' })
  }

  /** The row of a column in the Data page's column profile. */
  columnRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Column profile' }).getByRole('row').filter({ has: this.page.getByRole('button', { name: `${name}: show details` }) })
  }

  async chooseTarget(column: string): Promise<void> {
    await this.page.getByLabel('Target column').selectOption(column)
  }

  async openSection(name: 'Data' | 'Clean' | 'Train' | 'Evaluate' | 'Runs' | 'Registry'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Studio sections' }).getByRole('button', { name, exact: true }).click()
  }

  /** Starts training on the Train page and waits for the results. */
  async train(): Promise<void> {
    await this.page.getByRole('button', { name: 'Train model' }).click()
    await expect(this.page.getByRole('region', { name: 'Results' })).toBeVisible({ timeout: 60_000 })
  }

  /** Reads a held-out metric shown on the page, as a number. */
  async metric(label: 'Accuracy' | 'ROC AUC' | 'F1' | 'Log loss'): Promise<number> {
    const value = this.page.getByRole('region', { name: 'Results' }).getByRole('group', { name: label, exact: true }).getByRole('definition')
    return Number(await value.innerText())
  }

  runsTable(): Locator {
    return this.page.getByRole('table', { name: 'Runs' })
  }

  /** Clicks a button that saves a file and returns the file's text. */
  async downloadText(button: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') }
  }
}
