import { test, expect } from './fixtures'

/** Six patients, a site code that never changes, and an outcome column nobody filled in. */
const EMPTY_TARGET_CSV = ['age,sex,site,outcome', '54,F,A,', '61,M,A,', '47,F,A,', '70,M,A,', '66,F,A,', '58,M,A,'].join('\n')

test('a target empty in every row is said at once, no task is guessed, and training refuses for that reason', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.pickFile('empty-target.csv', Buffer.from(EMPTY_TARGET_CSV), 'text/csv')
  await studio.expectDataset('empty-target.csv', '6', '4')

  await studio.chooseTarget('outcome')
  const picker = page.getByRole('region', { name: 'What to predict' })
  const problem = picker.getByRole('alert')
  await expect(problem).toContainText('“outcome” cannot be the target')
  await expect(problem).toContainText('"outcome" is empty: none of its 6 rows has a value')
  await expect(problem).toContainText('choose another column, or fill in "outcome" in the file and open it again')
  await expect(page.getByLabel('Target column')).toHaveAttribute('aria-invalid', 'true')
  // No task is made up for it.
  await expect(page.getByLabel('Task')).toHaveValue('')
  await expect(page.getByText('Profiling outcome…')).toHaveCount(0)
  await expect(page.getByText(/No class balance or leakage check: outcome cannot be the target/)).toBeVisible()
  // Features are not dropped silently: what is left out is named with its reason.
  await expect(page.getByTestId('feature-count')).toHaveText(/^2 columns used as features\. Left out: site \(the same in every row\)\./)
  await expect(page.getByRole('button', { name: 'Continue to training →' })).toBeDisabled()
  await expect(page.getByText('Choose a target that can be predicted to continue.')).toBeVisible()
  await studio.expectPlainMessages()

  // Training refuses with the same reason, not "a single value".
  await studio.openSection('Train')
  await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled()
  await expect(page.getByText(/"outcome" is empty: none of its 6 rows has a value/)).toBeVisible()
  await expect(page.getByText(/single value/)).toHaveCount(0)

  // Another target clears the problem.
  await studio.openSection('Data')
  await studio.chooseTarget('sex')
  await expect(page.getByLabel('Task')).toHaveValue('binary')
  await expect(picker.getByRole('alert')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Continue to training →' })).toBeEnabled()
})
