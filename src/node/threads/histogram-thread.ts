/**
 * A Node helper thread of the threaded histogram kernel: says it is ready,
 * then waits for a workspace binding, serves its builds (core's
 * serveHistogramBuilds) until the fit lets it go, and waits for the next.
 */
import { parentPort } from 'node:worker_threads'
import { serveHistogramBuilds, type HelperBinding } from '../../core/model/tree/kernel/parallel'

parentPort?.on('message', (binding: HelperBinding) => serveHistogramBuilds(binding))
parentPort?.postMessage('ready')
