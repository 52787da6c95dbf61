import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'
import { dropFileOn } from './drop-file'

/** The Predict section: the model picker, the record form and its answer, batch scoring. */
export class PredictPage {
  constructor(readonly page: Page) {}

  modelPicker(): Locator {
    return this.page.getByLabel('Model', { exact: true })
  }

  /** The text of the model option chosen now. */
  async chosenModel(): Promise<string> {
    return this.modelPicker().evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '')
  }

  /** Waits until a model is loaded and the record form is shown. */
  async expectModelLoaded(): Promise<void> {
    await expect(this.form()).toBeVisible({ timeout: 60_000 })
  }

  threshold(): Locator {
    return this.page.getByLabel('Decision threshold')
  }

  form(): Locator {
    return this.page.getByRole('form', { name: 'Patient record' })
  }

  /** A field of the record form, found by its label (the column's name). */
  field(column: string): Locator {
    return this.form().getByLabel(column, { exact: true })
  }

  /** The column names the form asks for, in order (the labels of its fields). */
  async fieldNames(): Promise<string[]> {
    return this.form()
      .locator('input, select')
      .evaluateAll((controls) => controls.map((c) => (c as HTMLInputElement).labels?.[0]?.textContent ?? ''))
  }

  /** Fills every field of the form from `record` (by column name); a column the record lacks, or null, is left blank. */
  async fill(record: Record<string, string | number | null>): Promise<void> {
    for (const name of await this.fieldNames()) {
      const value = record[name]
      const field = this.field(name)
      const text = value === null || value === undefined ? '' : String(value)
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(text)
      else await field.fill(text)
    }
  }

  async predict(): Promise<void> {
    await this.form().getByRole('button', { name: 'Predict', exact: true }).click()
  }

  answer(): Locator {
    return this.page.getByRole('region', { name: 'Answer' })
  }

  predictedClass(): Locator {
    return this.answer().getByTestId('predicted-class')
  }

  /** The probability of the positive class (binary models), as shown. */
  probability(): Locator {
    return this.answer().getByTestId('predicted-probability')
  }

  decision(): Locator {
    return this.answer().getByTestId('decision-sentence')
  }

  waterfall(): Locator {
    return this.answer().getByRole('img', { name: /^Contributions of each input to this prediction/ })
  }

  contributions(): Locator {
    return this.answer().getByRole('table', { name: 'Contributions to this prediction' })
  }

  /** Drops a file on the batch drop zone with a real DataTransfer. */
  async dropBatchFile(name: string, bytes: Buffer, mimeType = 'text/csv'): Promise<void> {
    await dropFileOn(this.page.getByRole('region', { name: 'Drop a CSV, Parquet or Excel file to score' }), name, bytes, mimeType)
  }

  async pickBatchFile(name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.page.getByLabel('Score a CSV, Parquet or Excel file').setInputFiles({ name, mimeType, buffer })
  }

  batchSummary(): Locator {
    return this.page.getByTestId('batch-summary')
  }

  predictionsTable(): Locator {
    return this.page.getByRole('table', { name: 'Predictions', exact: true })
  }

  refusedRows(): Locator {
    return this.page.getByRole('table', { name: 'Rows refused by validation' })
  }

  /** Clicks a download button and returns the saved file's name and bytes. */
  async download(format: 'CSV' | 'Parquet'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: `Download predictions as ${format}` }).click()])
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
  }
}
