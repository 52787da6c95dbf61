import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'

const WORKBOOK = new URL('../fixtures/files/two-sheets.xlsx', import.meta.url).pathname
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test('drop a two-sheet Excel workbook, switch to the second sheet and see its columns and rows', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  // The CSV sample has one "sheet": no picker.
  await expect(studio.sheetPicker()).toHaveCount(0)

  await studio.dropFile(WORKBOOK, 'two-sheets.xlsx', XLSX_TYPE)
  await studio.expectDataset('two-sheets.xlsx', '3', '2')
  await expect(page.getByText(/^XLSX ·/)).toBeVisible()
  await expect(studio.sheetPicker()).toHaveValue('About')
  await expect(studio.sheetPicker().getByRole('option')).toHaveText(['About', 'Parkinsons'])
  await expect(page.getByTestId('sheet-shown')).toHaveText('Showing sheet “About” of 2 in two-sheets.xlsx. Choosing another sheet reads it from the same file.')
  const profile = page.getByRole('table', { name: 'Column profile' })
  await expect(profile.getByRole('row', { name: /Meaning/ })).toBeVisible()

  await studio.chooseSheet('Parkinsons')
  await studio.expectDataset('two-sheets.xlsx', '200', '35')
  await expect(studio.sheetPicker()).toHaveValue('Parkinsons')
  await expect(profile.getByRole('row', { name: /Meaning/ })).toHaveCount(0)
  await expect(profile.getByRole('row', { name: /PatientID/ })).toContainText('identifier')
  await expect(profile.getByRole('row', { name: /UPDRS/ })).toContainText('numeric')

  // The sheet's data is ready for modelling like any other file.
  await studio.chooseTarget('Diagnosis')
  await expect(page.getByLabel('Task')).toHaveValue('binary')

  // And back: the first sheet again, from the bytes the data worker kept.
  await studio.chooseSheet('About')
  await studio.expectDataset('two-sheets.xlsx', '3', '2')
})

test('merged group headers become column names; an empty sheet is refused and the shown sheet stays', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.pickFile('clinic.xlsx', readFileSync(new URL('../fixtures/files/clinic.xlsx', import.meta.url)), XLSX_TYPE)
  await studio.expectDataset('clinic.xlsx', '4', '7')
  await studio.chooseSheet('Vitals')
  await studio.expectDataset('clinic.xlsx', '3', '5')
  const profile = page.getByRole('table', { name: 'Column profile' })
  for (const name of ['Vitals SBP', 'Vitals DBP', 'Vitals HR']) await expect(profile.getByRole('row', { name: new RegExp(name) })).toContainText('numeric')

  await studio.sheetPicker().selectOption('Empty')
  await expect(studio.errorAlert()).toContainText('Sheet "Empty" of "clinic.xlsx" is empty')
  await studio.expectPlainMessages()
  await expect(studio.sheetPicker()).toHaveValue('Vitals')
  await studio.expectDataset('clinic.xlsx', '3', '5')
})

test('the file picker accepts workbooks; an old .xls gets a clear message and the data stays', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await expect(page.getByLabel(/^Open a CSV.* file$/)).toHaveAttribute('accept', /\.xlsx/)
  await studio.pickFile('legacy.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'application/vnd.ms-excel')
  await expect(studio.errorAlert()).toContainText('save it as an Excel workbook (.xlsx)')
  await studio.expectPlainMessages()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await expect(studio.sheetPicker()).toHaveCount(0)
})
