import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'
import { dropFileOn } from './drop-file'

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
    // Matched loosely: the formats listed in the label grow (Parquet, Excel, gzip …).
    await dropFileOn(this.page.getByRole('region', { name: /^Drop a CSV.* file here$/ }), name, readFileSync(path), mimeType)
  }

  /** Picks a file through the file input, as the "Choose a file…" dialog would. */
  async pickFile(name: string, buffer: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
    await this.page.getByLabel(/^Open a CSV.* file$/).setInputFiles({ name, mimeType, buffer })
  }

  /** The "Sheet" picker shown for a workbook with several sheets. */
  sheetPicker(): Locator {
    return this.page.getByLabel('Sheet', { exact: true })
  }

  /** Reads another sheet of the open workbook and waits until the page says it is shown. */
  async chooseSheet(name: string): Promise<void> {
    await this.sheetPicker().selectOption(name)
    await expect(this.page.getByTestId('sheet-shown')).toContainText(`Showing sheet “${name}”`)
  }

  /** The Data page's column table; long tables are virtualised, so only rows near the view are in the DOM. */
  columnTable(): Locator {
    return this.page.getByRole('table', { name: 'Column profile' })
  }

  /** On the Data page once a recipe has changed the data: show the file as read, or the cleaned data. */
  async showDataVersion(version: 'Original' | 'Cleaned'): Promise<void> {
    await this.page.getByRole('radio', { name: version, exact: true }).check()
  }

  async openUrl(url: string): Promise<void> {
    await this.page.getByLabel(/Or open a URL/).fill(url)
    await this.page.getByRole('button', { name: 'Open URL' }).click()
  }

  /** The Data page's row for `column` in the column profile table. */
  columnRow(column: string): Locator {
    const table = this.page.getByRole('table', { name: 'Column profile' })
    // The row header is the column's name, or a button named "<column>: show details".
    const name = new RegExp(`^${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:|$)`)
    return table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) })
  }

  /** The kind badge ("numeric", "date", …) shown for `column`. */
  columnKind(column: string, kind: string): Locator {
    return this.columnRow(column).getByText(kind, { exact: true })
  }

  errorAlert(): Locator {
    return this.page.getByRole('alert')
  }

  /** The dataset-level warnings list on the Data page (reader findings included). */
  profileWarnings(): Locator {
    return this.page.getByRole('list', { name: 'Profile warnings' })
  }

  /**
   * Every line of every visible message (errors are role=alert, warnings and
   * notices role=status) must read as a sentence: no developer prefix such as
   * "registry:" or "recipe:", no parameter field name such as "archiveExisting".
   * Returns the lines checked, so a test can also see that there were some.
   */
  async expectPlainMessages(): Promise<string[]> {
    const lines: string[] = []
    for (const role of ['alert', 'status'] as const) {
      for (const message of await this.page.getByRole(role).all()) {
        if (!(await message.isVisible())) continue
        lines.push(...(await message.innerText()).split('\n').map((l) => l.trim()).filter(Boolean))
      }
    }
    for (const line of lines) {
      expect(line, 'a message starting with a developer prefix').not.toMatch(/^[a-z][\w-]*: /i)
      expect(line, 'a message naming a parameter by its field name').not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/)
    }
    return lines
  }

  async chooseTarget(column: string): Promise<void> {
    await this.page.getByLabel('Target column').selectOption(column)
  }

  async openSection(name: 'Data' | 'Clean' | 'Train' | 'Evaluate' | 'Runs' | 'Registry' | 'Pipelines' | 'Predict' | 'Monitor'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Studio sections' }).getByRole('button', { name, exact: true }).click()
  }

  /** Starts training on the Train page and waits for the results. */
  async train(): Promise<void> {
    await this.page.getByRole('button', { name: 'Train model' }).click()
    await expect(this.results()).toBeVisible({ timeout: 60_000 })
  }

  /** The results of the run that ended last on the Train page (or of the run opened on the Runs page). */
  results(): Locator {
    return this.page.getByRole('region', { name: 'Results', exact: true })
  }

  /** Reads a held-out metric shown on the page, as a number. */
  async metric(label: 'Accuracy' | 'ROC AUC' | 'F1' | 'Log loss'): Promise<number> {
    const value = this.results().getByRole('group', { name: label, exact: true }).getByRole('definition')
    return Number(await value.innerText())
  }

  /**
   * The run results' "Download ONNX" button; with `forCleanedInputs`, the one a
   * refusal over a cleaning step offers (the graph that starts after cleaning).
   */
  onnxButton(forCleanedInputs = false): Locator {
    return this.results().getByRole('button', { name: `Download ONNX of the model${forCleanedInputs ? ' for cleaned inputs' : ''}`, exact: true })
  }

  /** On the Train page: picks an XGBoost model file to import on the loaded dataset. */
  async importXGBoostModel(name: string, buffer: Buffer): Promise<void> {
    await this.page.getByLabel('XGBoost model file').setInputFiles({ name, mimeType: 'application/json', buffer })
  }

  runsTable(): Locator {
    return this.page.getByRole('table', { name: 'Runs' })
  }

  /** Clicks a button that saves a file and returns the file's text. */
  /** Clicks a download button and returns the saved file's name and bytes. */
  async downloadBytes(button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()])
    const path = await download.path()
    return { name: download.suggestedFilename(), bytes: readFileSync(path) }
  }

  async downloadText(button: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') }
  }
}
