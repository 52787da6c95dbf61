/**
 * How long drift takes on 100 columns × 100,000 current rows against a
 * 100,000-row reference, in Node on this machine (the goal: < 2 s in
 * a worker): the whole driftReport against a dataset, and the per-column
 * comparison with bundle-style statistics (columnDriftVsReference, the
 * server's path). `npx tsx tests/bench/drift-speed.ts [rows] [columns]`.
 */
import { referenceColumn } from '../../src/core/bundle/reference'
import { columnDriftVsReference } from '../../src/core/drift/column-drift'
import { driftReport } from '../../src/core/drift/report'
import { driftBenchTables } from './drift-tables'

const rows = Number(process.argv[2] ?? 100_000)
const columns = Number(process.argv[3] ?? 100)
const { reference, current } = driftBenchTables(rows, columns)

function time(label: string, run: () => number): void {
  const times: number[] = []
  let drifted = 0
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    drifted = run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(`${label}: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}); ${drifted} of ${columns} drifted`)
}

time(`driftReport, ${columns} columns × ${rows} rows vs a ${rows}-row dataset`, () => driftReport({ reference: { kind: 'dataset', table: reference }, current }).columns.filter((c) => c.drifted).length)
const summaries = reference.columns.map((c) => referenceColumn(c.name, c))
time(`columnDriftVsReference per column vs bundle statistics of ${rows} rows`, () => current.columns.filter((c, j) => columnDriftVsReference(summaries[j], rows, c).drifted).length)
