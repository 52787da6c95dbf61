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
 * Options are written --name=value. The bench exits by itself when its suites are done:
 * 0 when all of them succeeded, 1 when any failed, 2 for an unknown suite, 130/143 when
 * interrupted; whatever a suite started is stopped on every one of those ways out (processes.ts).
 */
import { runColumnsBench } from './columns-suite'
import { runDataBench } from './data-suite'
import { runDriftBench } from './drift-suite'
import { runEngineBench } from './engine-suite'
import { runExplainBench } from './explain-suite'
import { runPredictBench } from './predict-suite'
import { runRunsBench } from './runs-suite'
import { stopAll, stopEverythingOnExit } from './processes'
import { runServeBench } from './serve-suite'
import { runSmokeBench } from './smoke-suite'

const suites: Record<string, () => Promise<unknown>> = {
  data: () => runDataBench(process.argv.includes('--quick') ? [100_000] : undefined),
  engine: () => runEngineBench(process.argv.includes('--quick') ? [100_000] : undefined),
  runs: () => runRunsBench({ sizes: option('sizes')?.split(',').map(Number), repeat: option('repeat') === undefined ? undefined : Number(option('repeat')), profile: process.argv.includes('--profile') }),
  columns: () => runColumnsBench(Number(option('repeat') ?? 3)),
  predict: () => runPredictBench(Number(option('seconds') ?? 2)),
  explain: () => runExplainBench(Number(option('rows') ?? 2000)),
  serve: () => runServeBench(),
  // Not a measurement: starts what a browser suite starts (vite preview, Chromium), for the test that
  // every bench exits by itself and leaves nothing behind (tests/unit/bench/bench-exit.test.ts).
  smoke: () => runSmokeBench({ fail: process.argv.includes('--fail'), hang: process.argv.includes('--hang') }),
  drift: () => runDriftBench({ repeats: Number(option('repeat') ?? 3), browser: !process.argv.includes('--no-browser') }),
}

/** The value of --name=value, if given. */
function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
}

stopEverythingOnExit()
const requested = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const names = requested.length > 0 ? requested : Object.keys(suites).filter((name) => name !== 'smoke')
const unknown = names.filter((name) => !suites[name])
if (unknown.length > 0) {
  console.error(`bench: unknown suite "${unknown[0]}"; expected one of ${Object.keys(suites).join(', ')}`)
  process.exit(2)
}
// Every suite runs even when one fails; the bench then exits 1 naming them. Whatever a suite
// left running is stopped before the next one starts, and the bench exits by itself either way:
// a handle left open (a socket, a timer) must not keep it alive after its results are written.
const failed: string[] = []
for (const name of names) {
  console.log(`\n=== bench: ${name} ===`)
  try {
    await suites[name]()
  } catch (error) {
    failed.push(name)
    console.error(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
  await stopAll()
}
if (failed.length > 0) console.error(`\nbench: ${failed.length} suite(s) failed: ${failed.join(', ')}`)
process.exit(failed.length > 0 ? 1 : 0)
