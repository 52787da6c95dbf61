/**
 * A helper thread of the training worker's threaded histogram kernel (see
 * workers/histogram-threads.ts): receives its setup once, then serves builds
 * in the shared memory (core's serveHistogramBuilds) for the life of the
 * worker, blocking in Atomics.wait between them, which dedicated workers may.
 */
import { serveHistogramBuilds, type HelperSetup } from '../src/core/model/tree/kernel/parallel'

self.onmessage = (event: MessageEvent<HelperSetup>) => {
  self.onmessage = null
  serveHistogramBuilds(event.data)
}
