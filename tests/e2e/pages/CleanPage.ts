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
}
