/**
 * The drift bench in a Node worker_thread: reads the .npy files the suite
 * wrote (the files scipy reads), builds the two tables (not timed) and posts
 * timeDrift's result. workerData: { script, dir, referenceRows, repeats }.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { parseNpy, tableFromMatrix, type DriftBenchMeta } from './drift-data'
import { timeDrift } from './drift-timing'

const { dir, referenceRows, repeats } = workerData as { dir: string; referenceRows: number; repeats: number }
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as DriftBenchMeta
const ref = parseNpy(new Uint8Array(readFileSync(join(dir, 'reference.npy'))))
const cur = parseNpy(new Uint8Array(readFileSync(join(dir, 'current.npy'))))
const reference = tableFromMatrix('reference', ref.data, meta.referenceRows, meta.columns, referenceRows)
const current = tableFromMatrix('current', cur.data, meta.currentRows, meta.columns)
parentPort!.postMessage(timeDrift(reference, current, repeats))
