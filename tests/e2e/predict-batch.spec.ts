import { readFileSync } from 'node:fs'
import { parquetReadObjects } from 'hyparquet'
import Papa from 'papaparse'
import { test, expect } from './fixtures'
import { PredictPage } from './pages/PredictPage'
import { SAMPLE_DIR } from './pages/StudioPage'

test.setTimeout(240_000)

/**
 * Six rows of the MS sample as a patient file: row 3 has an EDSS of 14 (the
 * proposed recipe's rule "EDSS 0–10, else remove the row" refuses it), and
 * row 6 is row 2 again with the sex written "M " — the recipe's text
 * standardisation, replayed on every record, must give it row 2's answer.
 */
function patientFile(): { csv: string; rows: Record<string, string>[] } {
  const [header, ...lines] = readFileSync(`${SAMPLE_DIR}ms-treatment.csv`, 'utf8').split(/\r?\n/)
  const names = header.split(',')
  const rows = lines.slice(0, 5).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])))
  rows[2].edss = '14'
  rows.push({ ...rows[1], patient_id: 'MS-99999', gender: 'M ' })
  const csv = [header, ...rows.map((r) => names.map((n) => (/[ ,]/.test(r[n]) ? `"${r[n]}"` : r[n])).join(','))].join('\n') + '\n'
  return { csv, rows }
}

test('batch: a dropped file is scored, the refused row listed with its reason, and both downloads hold every row', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByTestId('cleaned-size')).not.toHaveText(/^1,500 rows/)
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Logistic regression' })
  await studio.train()

  // Nothing registered: the page opens on the newest run.
  await studio.openSection('Predict')
  const predict = new PredictPage(page)
  await predict.expectModelLoaded()
  expect(await predict.chosenModel()).toMatch(/^Logistic regression · ms-treatment\.csv → treatment_response/)

  const { csv, rows } = patientFile()
  await predict.dropBatchFile('patients.csv', Buffer.from(csv))
  await expect(predict.batchSummary()).toHaveText('patients.csv: 6 rows, 5 scored, 1 refused by validation (listed below).')
  const refused = predict.refusedRows().getByRole('row')
  await expect(refused).toHaveCount(2) // header + row 3
  await expect(refused.nth(1).getByRole('rowheader')).toHaveText('3')
  await expect(refused.nth(1).getByRole('cell').first()).toHaveText('edss')
  await expect(refused.nth(1).getByRole('cell').nth(1)).toContainText('14')
  const table = predict.predictionsTable()
  await expect(table.getByRole('row')).toHaveCount(7)
  await expect(table.getByRole('row').nth(3)).toContainText('Refused by validation')

  // CSV: the file's columns, then the answer; the refused row has no prediction and says why.
  const csvFile = await predict.download('CSV')
  expect(csvFile.name).toBe('patients-predictions.csv')
  const parsed = Papa.parse<Record<string, string>>(csvFile.bytes.toString('utf8'), { header: true, skipEmptyLines: true })
  expect(parsed.meta.fields).toEqual([...Object.keys(rows[0]), 'prediction', 'proba_no', 'proba_yes', 'issues'])
  expect(parsed.data.map((r) => r.patient_id)).toEqual(rows.map((r) => r.patient_id))
  expect(parsed.data[2]).toMatchObject({ prediction: '', proba_yes: '', proba_no: '' })
  expect(parsed.data[2].issues).toContain('14')
  for (const i of [0, 1, 3, 4, 5]) {
    const yes = Number(parsed.data[i].proba_yes)
    expect(yes + Number(parsed.data[i].proba_no)).toBeCloseTo(1, 12)
    expect(parsed.data[i].prediction).toBe(yes >= 0.5 ? 'yes' : 'no')
    await expect(table.getByRole('row').nth(i + 1).getByRole('cell').nth(1)).toHaveText(yes.toFixed(4).replace(/\.?0+$/, ''))
  }
  // "M " was standardised as training standardised it: the same answer as row 2's "Male".
  expect(parsed.data[5].proba_yes).toBe(parsed.data[1].proba_yes)

  // Parquet: the same rows and numbers.
  const parquetFile = await predict.download('Parquet')
  expect(parquetFile.name).toBe('patients-predictions.parquet')
  const bytes = parquetFile.bytes
  const records = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })
  expect(records).toHaveLength(6)
  records.forEach((r, i) => {
    expect(r.patient_id).toBe(rows[i].patient_id)
    expect(r.proba_yes ?? '').toBe(parsed.data[i].proba_yes === '' ? '' : Number(parsed.data[i].proba_yes))
    expect(r.prediction ?? '').toBe(parsed.data[i].prediction)
  })
  await studio.expectPlainMessages()
})
