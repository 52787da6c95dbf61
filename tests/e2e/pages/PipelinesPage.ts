import { expect, type Locator, type Page } from '@playwright/test'
import { dropFileOn } from './drop-file'

export const STAGES = ['Load', 'Validate', 'Clean', 'Features', 'Train', 'Evaluate', 'Register', 'Promote'] as const

/** "Save as pipeline" (on the Train page's results and an opened run) and the Pipelines section. */
export class PipelinesPage {
  constructor(readonly page: Page) {}

  /** Saves the run shown as a pipeline, with the defaults the form offers unless `name` / `model` are given. */
  async saveFromRun(options: { name?: string; model?: string; minGain?: string } = {}): Promise<string> {
    const toggle = this.page.getByRole('button', { name: 'Save as pipeline…' })
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
    const form = this.page.getByRole('form', { name: 'Save as pipeline' })
    if (options.name) await form.getByLabel('Pipeline name').fill(options.name)
    if (options.model) await form.getByLabel('Registry model name').fill(options.model)
    if (options.minGain) await form.getByLabel('Minimum gain over Production').fill(options.minGain)
    const name = await form.getByLabel('Pipeline name').inputValue()
    await form.getByRole('button', { name: 'Save pipeline' }).click()
    await expect(this.page.getByText(`Saved pipeline “${name}”.`)).toBeVisible()
    return name
  }

  card(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true })
  }

  /** The stage graph of a pipeline's current (or latest) run. */
  graph(name: string): Locator {
    return this.page.getByRole('list', { name: `Stages of ${name}`, exact: true })
  }

  stage(name: string, stage: (typeof STAGES)[number]): Locator {
    return this.graph(name).getByRole('listitem', { name: stage, exact: true })
  }

  /** Drops a file on the pipeline's "Run on new data" zone with a real DataTransfer. */
  async dropFile(name: string, fileName: string, text: string): Promise<void> {
    await dropFileOn(this.page.getByRole('region', { name: `Drop new data for ${name} here` }), fileName, Buffer.from(text))
  }

  /** Picks a file through the pipeline's file input. */
  async pickFile(name: string, fileName: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.page.getByLabel(`New data file for ${name}`).setInputFiles({ name: fileName, mimeType, buffer })
  }

  /** Opens the file dialog from the keyboard (Tab to the button, Enter) and chooses a file in it. */
  async chooseFileWithKeyboard(name: string, fileName: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.page.getByRole('button', { name: `Choose a file for ${name}…` }).focus()
    await this.page.keyboard.press('Enter')
    await (await chooser).setFiles({ name: fileName, mimeType, buffer })
  }

  /** Imports a pipeline JSON file through the page's file input. */
  async importFile(fileName: string, text: string): Promise<void> {
    await this.page.getByLabel('Pipeline JSON file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) })
  }

  /** Rows of the pipeline's run history (newest first). */
  history(name: string): Locator {
    return this.page.getByRole('table', { name: `Runs of ${name}` }).locator('tbody').getByRole('row')
  }

  /** Waits until `count` runs are in the history: the run going on has ended and been kept. */
  async waitForRuns(name: string, count: number): Promise<void> {
    await expect(this.history(name)).toHaveCount(count, { timeout: 120_000 })
  }

  /** Expects every stage of the graph to read `status` (a word, not a colour). */
  async expectAllStages(name: string, status: string): Promise<void> {
    for (const stage of STAGES) await expect(this.stage(name, stage)).toContainText(status)
  }
}
