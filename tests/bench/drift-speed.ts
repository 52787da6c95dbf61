/**
 * How long driftReport takes on 100 columns × 100,000 current rows against a
 * 100,000-row reference, in Node on this machine (the goal: < 2 s in
 * a worker). `npx tsx tests/bench/drift-speed.ts [rows] [columns]`.
 */
import { driftReport } from '../../src/core/drift/report'
import { driftBenchTables } from './drift-tables'

const rows = Number(process.argv[2] ?? 100_000)
const columns = Number(process.argv[3] ?? 100)
const { reference, current } = driftBenchTables(rows, columns)
const times: number[] = []
let drifted = 0
for (let run = 0; run < 5; run++) {
  const started = performance.now()
  const report = driftReport({ reference: { kind: 'dataset', table: reference }, current })
  times.push(performance.now() - started)
  drifted = report.columns.filter((c) => c.drifted).length
}
times.sort((a, b) => a - b)
console.log(`driftReport ${columns} columns × ${rows} rows vs ${rows}: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}); ${drifted} drifted`)
