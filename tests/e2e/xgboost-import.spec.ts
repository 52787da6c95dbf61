import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { RunsPage } from './pages/RunsPage'

const FIXTURES = new URL('../fixtures/xgboost/', import.meta.url).pathname

test.setTimeout(180_000)

/**
 * A model trained with XGBoost (python3-xgboost, tests/fixtures/xgboost) and
 * the table it was trained on become a run in the studio: scored on the
 * loaded rows (the same accuracy `npm run import` reports), registrable, and
 * downloadable again as XGBoost JSON. A dart model is refused in plain words.
 */
test('an XGBoost model imported on the loaded dataset becomes a scored run that can be registered and exported again', async ({ studio, page }) => {
  await studio.goto()
  await studio.dropFile(`${FIXTURES}binary.csv`, 'binary.csv')
  await studio.expectDataset('binary.csv', '400', '6')
  await studio.chooseTarget('outcome')
  await studio.openSection('Train')

  // Refused by name, in plain words, and nothing is added.
  await studio.importXGBoostModel('dart.json', readFileSync(`${FIXTURES}refused-dart.model.json`))
  await expect(studio.errorAlert()).toContainText('The booster is "dart"')

  await studio.importXGBoostModel('binary.model.json', readFileSync(`${FIXTURES}binary.model.json`))
  // The run opens on the Runs page, scored on the 400 loaded rows.
  await expect(studio.results()).toBeVisible({ timeout: 60_000 })
  await expect(studio.results()).toContainText('400 test rows')
  expect(await studio.metric('Accuracy')).toBeCloseTo(0.935, 3)
  await expect(studio.runsTable()).toContainText('binary.csv')

  const runs = new RunsPage(page)
  await runs.register(0, 'Readmission XGBoost', 1)

  const { name, text } = await studio.downloadText(studio.results().getByRole('button', { name: 'Download XGBoost JSON' }))
  expect(name).toBe('binary-outcome-gbdt.xgboost.json')
  const model = JSON.parse(text) as { learner: { objective: { name: string }; feature_names: string[]; gradient_booster: { model: { trees: unknown[] } } } }
  expect(model.learner.objective.name).toBe('binary:logistic')
  expect(model.learner.feature_names).toEqual(['age_z', 'frailty', 'visits', 'creatinine', 'los_days'])
  expect(model.learner.gradient_booster.model.trees).toHaveLength(25)

  // The registered version downloads as the same XGBoost file from the Registry page.
  await studio.openSection('Registry')
  const fromRegistry = await studio.downloadText(page.getByRole('button', { name: 'Download version 1 of Readmission XGBoost as XGBoost JSON' }))
  expect(fromRegistry.name).toBe('Readmission-XGBoost-v1.xgboost.json')
  expect(fromRegistry.text).toBe(text)
})
