/**
 * A helper thread of the training worker's threaded histogram kernel (see
 * workers/histogram-threads.ts): says it is ready, then serves each
 * workspace it is bound to (core's serveHistogramBuilds) until the fit lets
 * it go. It blocks in Atomics.wait meanwhile, which dedicated workers may.
 */
import { serveHistogramBuilds, type HelperBinding } from '../src/core/model/tree/kernel/parallel'

self.onmessage = (event: MessageEvent<HelperBinding>) => serveHistogramBuilds(event.data)
self.postMessage('ready')
