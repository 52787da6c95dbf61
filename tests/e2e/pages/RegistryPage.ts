import { expect, type Download, type Locator, type Page } from '@playwright/test'

/** The Registry section: versions of a registered model, their stage pickers and history. */
export class RegistryPage {
  constructor(readonly page: Page) {}

  versions(model: string): Locator {
    return this.page.getByRole('table', { name: `Versions of ${model}` })
  }

  versionRow(model: string, version: number): Locator {
    return this.versions(model).getByRole('row', { name: new RegExp(`^v${version}\\b`) })
  }

  stagePicker(model: string, version: number): Locator {
    return this.page.getByLabel(`New stage for version ${version} of ${model}`)
  }

  /** Moves a version to `to`, or to whatever the picker offers when `to` is left out. */
  async move(model: string, version: number, options: { to?: string; comment?: string } = {}): Promise<void> {
    if (options.to) await this.stagePicker(model, version).selectOption(options.to)
    if (options.comment) await this.page.getByLabel(`Comment for moving version ${version} of ${model}`).fill(options.comment)
    await this.page.getByRole('button', { name: `Move version ${version} of ${model}` }).click()
  }

  async expectStage(model: string, version: number, stage: string): Promise<void> {
    await expect(this.versionRow(model, version).getByRole('cell').nth(0)).toHaveText(stage)
  }

  history(model: string): Locator {
    return this.page.getByRole('list', { name: `History of ${model}` }).getByRole('listitem')
  }

  /** Saves a model as a registry folder zip and returns the browser's download. */
  async downloadFolder(model: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: `Download ${model} as a registry folder (zip)` }).click()])
    return download
  }

  /** The button that saves a version as an ONNX model. */
  onnxButton(model: string, version: number): Locator {
    return this.page.getByRole('button', { name: `Download ONNX of version ${version} of ${model}` })
  }

  /** Imports a registry folder zip through the page's file input. */
  async importFolder(fileName: string, buffer: Buffer): Promise<void> {
    await this.page.getByLabel('Registry folder zip file').setInputFiles({ name: fileName, mimeType: 'application/zip', buffer })
  }
}
