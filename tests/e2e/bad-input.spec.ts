import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

test.beforeEach(async ({ studio }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('a truncated Parquet file gets a clear message and the loaded data stays usable', async ({ studio }) => {
  const whole = readFileSync(`${SAMPLE_DIR}parkinsons.parquet`)
  await studio.pickFile('cut.parquet', whole.subarray(0, Math.floor(whole.length / 2)))
  await expect(studio.errorAlert()).toContainText('"cut.parquet" is truncated or damaged')
  await expect(studio.errorAlert()).toContainText('The dataset loaded before is still open')
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('ragged, empty and non-data files each name their problem', async ({ studio }) => {
  await studio.pickFile('ragged.csv', Buffer.from('a,b,c\n1,2,3\n4,5\n'), 'text/csv')
  await expect(studio.errorAlert()).toContainText('row 3 has 2 field(s) but the header has 3')
  await studio.pickFile('empty.csv', Buffer.alloc(0), 'text/csv')
  await expect(studio.errorAlert()).toContainText('File "empty.csv" is empty (0 bytes).')
  await studio.pickFile('scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png')
  await expect(studio.errorAlert()).toContainText('looks like a PNG image, not a CSV, Parquet or Excel file')
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('a URL that fails names the address and the HTTP status', async ({ studio, baseURL }) => {
  await studio.openUrl(`${baseURL}/no-such-export.csv`)
  await expect(studio.errorAlert()).toContainText('no-such-export.csv answered HTTP 404')
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('a plain http:// address on another site is refused before any request, naming https as the way', async ({ studio }) => {
  // 127.0.0.2 is another origin than the studio's 127.0.0.1; the fixture fails the test if a request reaches it.
  await studio.openUrl('http://127.0.0.2:9/patients.csv')
  await expect(studio.errorAlert()).toContainText('only opens https:// addresses')
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('a single-class target and a dataset with no usable feature are refused before training', async ({ studio, page }) => {
  await studio.chooseTarget('DoctorInCharge')
  // Said at once, in the target picker, and again where training would start.
  await expect(studio.errorAlert()).toContainText('"DoctorInCharge" has the same value ("DrXXXConfid") in every row that has one, so there is nothing to predict')
  await studio.openSection('Train')
  await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled()
  await expect(page.getByText(/"DoctorInCharge" has the same value \("DrXXXConfid"\)/)).toBeVisible()
  await studio.openSection('Data')
  await studio.chooseTarget('Diagnosis')
  await page.getByRole('button', { name: 'Use none' }).click()
  await studio.openSection('Train')
  await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled()
  await expect(page.getByText(/No usable feature/)).toBeVisible()
})
