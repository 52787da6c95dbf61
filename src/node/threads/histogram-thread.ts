/**
 * A Node helper thread of the threaded histogram kernel: receives its setup
 * once and serves builds in the shared memory (core's serveHistogramBuilds)
 * for the life of the thread.
 */
import { parentPort } from 'node:worker_threads'
import { serveHistogramBuilds, type HelperSetup } from '../../core/model/tree/kernel/parallel'

parentPort?.once('message', (setup: HelperSetup) => serveHistogramBuilds(setup))
