import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'
import { dropFileOn } from './drop-file'

/** The Monitor section: reference and current data, the drift summary, the per-column table and chart, overrides, downloads. */
export class MonitorPage {
  constructor(readonly page: Page) {}

  referenceModel(): Locator {
    return this.page.getByLabel('Reference model', { exact: true })
  }

  /** The text of the reference model option chosen now. */
  async chosenModel(): Promise<string> {
    return this.referenceModel().evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '')
  }

  referenceSummary(): Locator {
    return this.page.getByTestId('reference-summary')
  }

  currentSummary(): Locator {
    return this.page.getByTestId('current-summary')
  }

  /** Drops a file on the current data's drop zone with a real DataTransfer. */
  async dropCurrentFile(name: string, bytes: Buffer, mimeType = 'text/csv'): Promise<void> {
    await dropFileOn(this.page.getByRole('region', { name: 'Drop the current data file' }), name, bytes, mimeType)
  }

  async pickCurrentFile(name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.page.getByLabel('Open a current CSV, Parquet or Excel file').setInputFiles({ name, mimeType, buffer })
  }

  /** Compares with a data file instead of a model, and picks it. */
  async pickReferenceFile(name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.page.getByRole('radio', { name: 'A data file' }).check()
    await this.page.getByLabel('Open a reference CSV, Parquet or Excel file').setInputFiles({ name, mimeType, buffer })
  }

  /** The dataset verdict ("Dataset drift The data has drifted: …"). */
  verdict(): Locator {
    return this.page.getByTestId('drift-verdict')
  }

  async expectReport(): Promise<void> {
    await expect(this.verdict()).toBeVisible({ timeout: 60_000 })
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Drift by column' })
  }

  /** The table's row for `column`. */
  row(column: string): Locator {
    return this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: `${column}: show distributions`, exact: true }) })
  }

  /** Every row as shown, in the table's order: name, verdict, test, result and PSI cells' text. */
  async rows(): Promise<{ name: string; verdict: string; test: string; result: string; psi: string }[]> {
    return this.table()
      .locator('tbody tr[data-row]')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const cells = [...row.children].map((c) => (c as HTMLElement).innerText.trim())
          return { name: (row as HTMLElement).dataset.row ?? '', verdict: cells[1].split('\n')[0], test: cells[2], result: cells[3], psi: cells[4] }
        }),
      )
  }

  /** Opens a column's large chart with the keyboard: focus its name, press Enter. */
  async openChart(column: string): Promise<void> {
    const button = this.page.getByRole('button', { name: `${column}: show distributions`, exact: true })
    await button.focus()
    await button.press('Enter')
  }

  chart(column: string): Locator {
    return this.page.getByRole('img', { name: `Reference and current distributions of ${column}`, exact: true })
  }

  /** What the open chart's verdict rests on (test, number, threshold). */
  columnFacts(column: string): Locator {
    return this.page.getByRole('region', { name: `Distributions of ${column}` }).getByTestId('column-facts')
  }

  /** Sets a column's own test (by its label; null keeps the default rule) and threshold ('' keeps the default), then re-checks. */
  async override(column: string, { test, threshold }: { test: string | null; threshold: string }): Promise<void> {
    await this.page.getByRole('button', { name: `Change the test for ${column}` }).click()
    const form = this.page.getByRole('form', { name: `Test and threshold for ${column}` })
    if (test !== null) await form.getByLabel('Test', { exact: true }).selectOption({ label: test })
    await form.getByLabel('Threshold', { exact: true }).fill(threshold)
    await form.getByRole('button', { name: 'Apply and re-check' }).click()
  }

  async setDriftShare(percent: string): Promise<void> {
    await this.page.getByLabel('Dataset drift when at least this % of columns drift').fill(percent)
    await this.page.getByRole('form', { name: 'Dataset drift rule' }).getByRole('button', { name: 'Apply' }).click()
  }

  problemColumns(): Locator {
    return this.page.getByRole('list', { name: 'Problem columns' })
  }

  performance(): Locator {
    return this.page.getByRole('table', { name: 'Model performance, training and now' })
  }

  /** Clicks "Download HTML" or "Download JSON" and returns the saved file's name and text. */
  async download(format: 'HTML' | 'JSON'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: `Download ${format}` }).click()])
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') }
  }
}
