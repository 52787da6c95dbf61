/**
 * `npm run bench -- <suite>`: speed and memory measurements, printed and
 * written to bench-results/<suite>.json. Suites: data (parse, profile, clean, feature
 * pipeline in Chromium through the real workers) and engine (every model family in Node
 * against XGBoost, scikit-learn and ml-random-forest) and runs (the Runs page with 5,000
 * stored runs, in Chromium) and columns (the Data page with a 2,000 × 500 table, in
 * Chromium) and predict (Predictor.predictRecords per request, in Node) and explain
 * (per-feature explanations per second for each model family) and serve (the
 * model server under wrk load, beside a Flask + XGBoost peer; serve-suite.ts) and drift
 * (the drift report on 100 columns × 100,000 rows in a Node and a Chromium worker, beside scipy).
 * Options are written --name=value.
 */
import { runColumnsBench } from './columns-suite'
import { runDataBench } from './data-suite'
import { runDriftBench } from './drift-suite'
import { runEngineBench } from './engine-suite'
import { runExplainBench } from './explain-suite'
import { runPredictBench } from './predict-suite'
import { runRunsBench } from './runs-suite'
import { runServeBench } from './serve-suite'

const suites: Record<string, () => Promise<unknown>> = {
  data: () => runDataBench(process.argv.includes('--quick') ? [100_000] : undefined),
  engine: () => runEngineBench(process.argv.includes('--quick') ? [100_000] : undefined),
  runs: () => runRunsBench({ sizes: option('sizes')?.split(',').map(Number), repeat: option('repeat') === undefined ? undefined : Number(option('repeat')), profile: process.argv.includes('--profile') }),
  columns: () => runColumnsBench(Number(option('repeat') ?? 3)),
  predict: () => runPredictBench(Number(option('seconds') ?? 2)),
  explain: () => runExplainBench(Number(option('rows') ?? 2000)),
  serve: () => runServeBench(),
  drift: () => runDriftBench({ repeats: Number(option('repeat') ?? 3), browser: !process.argv.includes('--no-browser') }),
}

/** The value of --name=value, if given. */
function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
}

const requested = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const names = requested.length > 0 ? requested : Object.keys(suites)
for (const name of names) {
  const suite = suites[name]
  if (!suite) {
    console.error(`bench: unknown suite "${name}"; expected one of ${Object.keys(suites).join(', ')}`)
    process.exit(2)
  }
  console.log(`\n=== bench: ${name} ===`)
  await suite()
}
