import { test, expect } from './fixtures'
import { CleanPage } from './pages/CleanPage'

const GOLDEN = new URL('../golden/csv/', import.meta.url).pathname

test('a European CSV written by pandas (";" and decimal commas) opens with number columns and says a decimal comma was detected', async ({ studio }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.dropFile(`${GOLDEN}european-pandas.csv`, 'european-pandas.csv')
  await studio.expectDataset('european-pandas.csv', '30', '7')
  for (const name of ['edss', 'weight', 'crp']) await expect(studio.columnRow(name)).toContainText('numeric')
  const notes = studio.profileWarnings().getByRole('listitem').filter({ hasText: 'decimal comma' })
  await expect(notes).toHaveCount(1)
  await expect(notes).toContainText('A decimal comma was detected')
  await expect(notes).toContainText('in 3 columns: edss, weight and crp')
})

test('units, percentages and "120/80": accept the suggestions, rename the split columns, get number columns with their units', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.dropFile(`${GOLDEN}units.csv`, 'units.csv')
  await studio.expectDataset('units.csv', '40', '6')
  await expect(studio.profileWarnings()).toContainText('height has mixed units: cm (35 rows), in (5 rows)')

  await studio.openSection('Clean')
  const clean = new CleanPage(page)
  await expect(clean.suggestion(/^Convert weight to numbers \(removing "kg"\)/)).toBeVisible()
  await expect(clean.suggestion(/^Convert hba1c to numbers \(removing "%"\)/)).toContainText('read them as numbers in percent')
  await expect(clean.suggestion('Split bp into systolic and diastolic')).toContainText('you can rename them')
  await clean.addAllSuggestions()
  await clean.expectApplied('40 rows × 7 columns')

  await clean.renameSplitPart('bp', 1, 'sbp')
  await clean.renameSplitPart('bp', 2, 'dbp')
  await expect(clean.steps().getByRole('listitem', { name: /Split bp into sbp and dbp/ })).toContainText('1 value could not be read as 2 numbers')

  await studio.openSection('Data')
  await expect(studio.columnRow('sbp')).toContainText('numeric')
  await expect(studio.columnRow('dbp')).toContainText('numeric')
  await expect(studio.columnRow('weight')).toContainText('numeric')
  await expect(studio.columnRow('weight')).toContainText('unit: kg')
  await expect(studio.columnRow('hba1c')).toContainText('unit: %')
  await expect(studio.columnRow('height')).not.toContainText('numeric')
})

test('a comma-separated file with quoted "3,5": nothing is guessed, and the Clean page converts it with the decimal-comma option', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.dropFile(`${GOLDEN}comma-quoted-decimal.csv`, 'comma-quoted-decimal.csv')
  await studio.expectDataset('comma-quoted-decimal.csv', '8', '7')
  await expect(studio.columnRow('edss')).not.toContainText('numeric')
  await expect(studio.profileWarnings()).not.toContainText('A decimal comma was detected')

  await studio.openSection('Clean')
  const clean = new CleanPage(page)
  await clean.addStep('Convert a column type')
  const step = clean.step(1)
  await step.getByLabel('Column').selectOption('weight')
  // The report: without the option, nothing of "77,2" is a number, and the recipe is refused.
  await expect(page.getByRole('alert')).toContainText('no value of "weight" is a number')
  await step.getByLabel('Decimal comma in weight (3,5 means 3.5)').check()
  await expect(step).toContainText('weight: 8 values converted to numbers (decimal comma)')
  await expect(page.getByRole('alert')).toHaveCount(0)

  await studio.openSection('Data')
  await expect(studio.columnRow('weight')).toContainText('numeric')
})
