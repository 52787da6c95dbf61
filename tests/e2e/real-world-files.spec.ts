import { test, expect } from './fixtures'

const FILES = new URL('../fixtures/files/', import.meta.url).pathname

test('drop a zstd Parquet file from Polars and a gzip-compressed CSV: rows, dates as dates, the format named', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')

  // Polars' default codec is zstd; hyparquet alone refused it.
  await studio.dropFile(`${FILES}parquet/visits.polars.default.parquet`, 'visits.parquet', 'application/octet-stream')
  await studio.expectDataset('visits.parquet', '60', '12')
  await expect(page.getByText(/^PARQUET · /)).toBeVisible()
  await expect(studio.columnKind('visit_date', 'date')).toBeVisible()
  await expect(studio.columnKind('seen_at', 'date')).toBeVisible()
  await expect(studio.columnKind('smoker', 'boolean')).toBeVisible()
  await expect(studio.columnKind('dose_mg', 'numeric')).toBeVisible()
  // The earliest and latest date stand where a number's min and max would.
  await expect(studio.columnRow('visit_date')).toContainText('2024-03-05')
  await expect(studio.columnRow('visit_date')).toContainText('2024-05-02')
  await expect(page.getByRole('checkbox', { name: 'Use visit_date as a feature' })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Use dose_mg as a feature' })).toBeChecked()
  await expect(page.getByText(/visit_date holds dates \(2024-03-05 to 2024-05-02\), so it is left out of the features/)).toBeVisible()

  await studio.dropFile(`${FILES}gzip/visits.csv.gz`, 'patients.csv.gz', 'application/gzip')
  await studio.expectDataset('patients.csv.gz', '60', '12')
  await expect(page.getByText(/^CSV \(gzip\) · 2\.\d KB$/)).toBeVisible()
  // DuckDB's CSV spelling of a timestamp ("2024-03-05 10:30:00") is a date column too.
  await expect(studio.columnKind('admitted', 'date')).toBeVisible()
  await expect(page.getByRole('checkbox', { name: 'Use admitted as a feature' })).not.toBeChecked()
})
