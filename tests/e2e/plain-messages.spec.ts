import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

test.beforeEach(async ({ studio }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('a damaged or ragged file is explained in sentences, without the reader prefix', async ({ studio }) => {
  const whole = readFileSync(`${SAMPLE_DIR}parkinsons.parquet`)
  await studio.pickFile('cut.parquet', whole.subarray(0, Math.floor(whole.length / 2)))
  await expect(studio.errorAlert()).toContainText('"cut.parquet" is truncated or damaged')
  await expect(studio.errorAlert()).not.toContainText('parquet:')
  await studio.expectPlainMessages()
  await studio.pickFile('ragged.csv', Buffer.from('a,b,c\n1,2,3\n4,5\n'), 'text/csv')
  await expect(studio.errorAlert()).toContainText('"ragged.csv" row 3 has 2 field(s) but the header has 3')
  await studio.expectPlainMessages()
})

test('a recipe that fails names the step as the Clean page does, and a file that is no recipe says so', async ({ studio, page }) => {
  await studio.openSection('Clean')
  const recipe = { format: 'clinical-ml-studio/cleaning-recipe', version: 1, sourceColumns: ['DoctorInCharge'], steps: [{ id: 'doctor-number', kind: 'convert', column: 'DoctorInCharge', to: 'number' }] }
  const importRecipe = (name: string, json: unknown) => page.getByLabel('Import a cleaning recipe').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) })
  await importRecipe('doctor.recipe.json', recipe)
  const failure = studio.errorAlert().filter({ hasText: 'The recipe was not applied' })
  await expect(failure).toContainText('Step 1 (Convert a column type): no value of "DoctorInCharge" is a number')
  await expect(failure).not.toContainText('recipe:')
  await studio.expectPlainMessages()

  // Checked in the data worker: the sentence depends on the error's code, which must survive the trip to the page.
  await importRecipe('model.json', { format: 'clinical-ml-studio/model-bundle', version: 1 })
  await expect(studio.errorAlert()).toContainText('This file is not a cleaning recipe (its "format" is "clinical-ml-studio/model-bundle").')
  await studio.expectPlainMessages()
})
