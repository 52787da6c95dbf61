/**
 * Makes the golden version-1 bundles: run ONCE, in a checkout of main at
 * 4f31bf8 (the last commit before bundle version 2), with that commit's own
 * CLI trainer and Predictor:
 *
 *   git worktree add /tmp/v1 4f31bf8 && cd /tmp/v1 && npm ci      (from the repository root)
 *   npx tsx <this file> <output directory>
 *
 * It writes v1-*.json (bundles as `npm run train` wrote them) and
 * v1-expected.json: for each bundle, the predictions that version's Predictor
 * gave on the first 40 rows of its training file. tests/unit/core/bundle/
 * golden-bundles.test.ts checks that today's studio still loads these files
 * and predicts the same numbers. Never regenerate them with a newer studio:
 * they stand for bundles already out in the world.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Predictor } from '../../../src/core/bundle/predictor'
import { takeRows } from '../../../src/core/table/access'
import { readDataFile } from '../../../src/core/table/read/read-file'
import { trainMain } from '../../../src/node/cli/train'

const out = process.argv[2]
if (!out) throw new Error('usage: npx tsx make-golden-v1.ts <output directory>')

const io = { stdout: () => {}, stderr: () => {} }
const cases = [
  { name: 'v1-logistic-ms', data: 'ms-treatment.csv', args: ['--target', 'treatment_response', '--model', 'logreg'] },
  { name: 'v1-gbdt-parkinsons', data: 'parkinsons.csv', args: ['--target', 'Diagnosis', '--model', 'gbdt', '--params', '{"nRounds": 30}'] },
  { name: 'v1-forest-ms-type', data: 'ms-treatment.csv', args: ['--target', 'ms_type', '--model', 'forest', '--params', '{"nTrees": 10}'] },
  { name: 'v1-linreg-ms-edss', data: 'ms-treatment.csv', args: ['--target', 'edss', '--model', 'linreg'] },
]

const expected: Record<string, unknown> = {}
for (const c of cases) {
  const bundlePath = join(out, `${c.name}.json`)
  const code = await trainMain(['--data', join('sample-data', c.data), ...c.args, '--out', bundlePath], io)
  if (code !== 0) throw new Error(`${c.name}: train exited ${code}`)
  const { table } = await readDataFile(new Uint8Array(readFileSync(join('sample-data', c.data))), c.data)
  const rows = takeRows(table, Int32Array.from({ length: 40 }, (_, i) => i))
  const predictions = Predictor.fromBundle(JSON.parse(readFileSync(bundlePath, 'utf8'))).predict(rows)
  expected[c.name] = { data: c.data, rows: 40, labels: predictions.labels, classes: predictions.classes, proba: Array.from(predictions.proba), values: Array.from(predictions.values) }
}
writeFileSync(join(out, 'v1-expected.json'), JSON.stringify(expected, null, 1) + '\n')
