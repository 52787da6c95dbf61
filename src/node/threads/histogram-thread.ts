/**
 * A Node helper thread of the threaded histogram kernel: says it is ready,
 * then waits for a workspace binding, serves its builds (core's
 * serveHistogramBuilds) until the fit lets it go, and waits for the next.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { serveHistogramBuilds, type HelperBinding } from '../../core/model/tree/kernel/parallel'

const { helpers } = workerData as { helpers: number }
parentPort?.on('message', (binding: HelperBinding) => serveHistogramBuilds(binding, helpers))
parentPort?.postMessage('ready')
