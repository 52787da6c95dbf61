import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'

/** The Clean page as a user sees it: suggestions, the recipe's steps and their settings. */
export class CleanPage {
  constructor(readonly page: Page) {}

  suggestions(): Locator {
    return this.page.getByRole('region', { name: 'Suggested steps' })
  }

  /** The suggestion whose title matches, e.g. /^Split bp into/. */
  suggestion(title: RegExp | string): Locator {
    return this.suggestions().getByRole('listitem', { name: title })
  }

  async addAllSuggestions(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add all suggestions' }).click()
  }

  /** Adds an empty step of the kind whose label is given ("Convert a column type"). */
  async addStep(label: string): Promise<void> {
    await this.page.getByLabel('Add a step').selectOption({ label })
  }

  /** The card of step `n` (1-based). */
  step(n: number): Locator {
    return this.steps().getByRole('listitem', { name: new RegExp(`^Step ${n}: `) })
  }

  steps(): Locator {
    return this.page.getByRole('list', { name: 'Recipe steps' })
  }

  /** Renames part `part` (1-based) of a split of `column`. */
  async renameSplitPart(column: string, part: number, name: string): Promise<void> {
    await this.page.getByLabel(`Name of part ${part} of ${column}`).fill(name)
  }

  /** "1,472 rows × 10 columns" after the recipe. */
  cleanedSize(): Locator {
    return this.page.getByTestId('cleaned-size')
  }

  async expectApplied(size: string): Promise<void> {
    await expect(this.cleanedSize()).toHaveText(size)
    await expect(this.page.getByRole('alert')).toHaveCount(0)
  }

  /** Chooses the SQL dialect ("DuckDB", "Spark SQL") and downloads the recipe as SQL. */
  async downloadSql(dialect: 'DuckDB' | 'Spark SQL'): Promise<{ name: string; text: string }> {
    await this.page.getByLabel('SQL for').selectOption({ label: dialect })
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Download SQL' }).click()])
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') }
  }
}
