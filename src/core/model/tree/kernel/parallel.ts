/**
 * Histogram builds split across threads. One shared WebAssembly memory, made
 * once per set of helper threads, holds a control block at its start and,
 * after it, the workspace of the fit under way; each helper instantiates the
 * kernel over that memory once and then serves builds for the life of the
 * thread. A build needs no copying and no message: the calling thread writes
 * the build's arguments into the control block, wakes the helpers, builds its
 * own share of the features and waits for theirs. (Messages would not do:
 * browsers deliver a worker's postMessage only once it yields, and a fit
 * never yields.) A feature's bins are always summed by one thread, rows in
 * order, so the histogram has the same bits whatever the thread count — and
 * so has the model.
 *
 * The threads themselves are the adapter's (worker_threads in Node, Web
 * Workers in the page): it creates a ThreadedMemory, hands each helper its
 * HelperSetup (postMessage, while the caller is idle) and waits for
 * `ready(…)`; the helper runs serveHistogramBuilds.
 *
 * Control block (Int32 words): generation (bumped per build), done count,
 * stop flag, error flag, ready count, the kernel's nodeTask arguments, then
 * [from, to) per helper. Each thread searches its own features and writes
 * its best splits into its own out slot (OUT_SLOT_BYTES, thread t at
 * out + t × OUT_SLOT_BYTES), which the caller merges in feature order.
 */
import { StudioError } from '../../../errors'
import type { BuildDispatch, BuildSplitter, NodeTaskExport } from './wasm-kernel'
import { instantiateNodeTask, OUT_SLOT_BYTES } from './wasm-kernel'
import { webAssembly, type WasmMemory, type WasmModule } from './wasm-api'

const GENERATION = 0
const DONE = 1
const STOP = 2
const ERROR = 3
const READY = 4
const ARGS = 5
/** nodeTask's arguments before from, to and out (14), then the base of the out slots. */
const ARG_COUNT = 15
const RANGES = ARGS + ARG_COUNT
/** Builds smaller than this many row × feature updates stay on the calling thread: waking a helper costs more. */
const MIN_SPLIT_UPDATES = 48_000
/** Polls before sleeping: a helper woken within microseconds saves the futex round trip on every build. */
const SPIN = 4000
/** Seconds without any helper finishing its share before a build gives up. */
const STALLED_SECONDS = 120
/** Largest size of the shared memory, in 64 KiB pages (4 GiB: all of wasm32); it grows as fits need. */
const MAXIMUM_PAGES = 65536

/** What a helper thread receives, once. */
export interface HelperSetup {
  module: WasmModule
  memory: WasmMemory
  /** How many helpers share the control block; this one is `index` (1-based). */
  helpers: number
  index: number
}

/** The shared memory of one set of helpers and the control block at its start. */
export interface ThreadedMemory {
  readonly module: WasmModule
  readonly memory: WasmMemory & { grow(pages: number): number }
  readonly helpers: number
  /** Bytes at the start of the memory the control block takes; workspaces start after. */
  readonly reserved: number
  /** The message for helper `index` (1…helpers). */
  setup(index: number): HelperSetup
  /** Whether every helper has started serving. */
  ready(): boolean
  /** Whether a helper reported a failure. */
  failed(): boolean
  /** Lets the helpers' loops end (their threads may then be reused or ended). */
  stop(): void
}

function controlWords(memory: WasmMemory, helpers: number): Int32Array {
  return new Int32Array(memory.buffer as SharedArrayBuffer, 0, RANGES + 2 * helpers)
}

/** A fresh shared memory for `helpers` helper threads, or null where shared WebAssembly memory is unavailable. */
export function threadedMemory(module: WasmModule, helpers: number): ThreadedMemory | null {
  const wasm = webAssembly()
  if (!wasm || typeof SharedArrayBuffer === 'undefined') return null
  let memory: WasmMemory & { grow(pages: number): number }
  try {
    memory = new wasm.Memory({ initial: 1, maximum: MAXIMUM_PAGES, shared: true }) as WasmMemory & { grow(pages: number): number }
  } catch {
    return null
  }
  const ctl = controlWords(memory, helpers)
  return {
    module,
    memory,
    helpers,
    reserved: (4 * (RANGES + 2 * helpers) + 15) & ~15,
    setup: (index) => ({ module, memory, helpers, index }),
    ready: () => Atomics.load(ctl, READY) >= helpers,
    failed: () => Atomics.load(ctl, ERROR) !== 0,
    stop() {
      Atomics.store(ctl, STOP, 1)
      Atomics.add(ctl, GENERATION, 1)
      Atomics.notify(ctl, GENERATION)
    },
  }
}

/** A splitter over a ready ThreadedMemory's helpers (threads = helpers + 1). */
export function threadSplitter(shared: ThreadedMemory): BuildSplitter {
  const { helpers } = shared
  const ctl = controlWords(shared.memory, helpers)
  const dispatch: BuildDispatch = {
    run(args, from, to, local) {
      const count = to - from
      const threads = Math.min(helpers + 1, count)
      const out = args[14]
      if (threads < 2 || args[5] * count < MIN_SPLIT_UPDATES) {
        local(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], from, to, out)
        return 1
      }
      for (let a = 0; a < ARG_COUNT; a++) ctl[ARGS + a] = args[a]
      // Contiguous shares of the features; helpers beyond the feature count get empty ones.
      const edge = (t: number): number => from + Math.floor((t * count) / threads)
      for (let i = 1; i <= helpers; i++) {
        ctl[RANGES + 2 * (i - 1)] = i < threads ? edge(i) : to
        ctl[RANGES + 2 * (i - 1) + 1] = i < threads ? edge(i + 1) : to
      }
      Atomics.store(ctl, DONE, 0)
      Atomics.add(ctl, GENERATION, 1)
      Atomics.notify(ctl, GENERATION)
      local(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], from, edge(1), out)
      waitFor(ctl, DONE, helpers)
      if (Atomics.load(ctl, ERROR) !== 0) throw new StudioError('threads-failed', 'training: a histogram helper thread failed; train again, or on one thread')
      return threads
    },
  }
  return { threads: helpers + 1, shared, dispatch }
}

/**
 * Waits until ctl[index] reaches `target`: a short spin, then futex sleeps.
 * A share takes milliseconds; helpers silent for STALLED_SECONDS have died
 * (their thread was killed), and the fit fails instead of hanging.
 */
function waitFor(ctl: Int32Array, index: number, target: number): void {
  for (let i = 0; i < SPIN; i++) if (Atomics.load(ctl, index) >= target) return
  let silent = 0
  for (;;) {
    const value = Atomics.load(ctl, index)
    if (value >= target) return
    if (Atomics.wait(ctl, index, value, 1000) === 'timed-out' && ++silent >= STALLED_SECONDS) {
      throw new StudioError('threads-stalled', `training: the histogram helper threads stopped answering for ${STALLED_SECONDS} s; train again, or on one thread`)
    }
  }
}

/**
 * A helper thread's side: instantiates the kernel over the shared memory,
 * counts itself ready, and serves builds until stopped. Blocks the thread
 * meanwhile, which is what it is for.
 */
export function serveHistogramBuilds(setup: HelperSetup): void {
  const ctl = controlWords(setup.memory, setup.helpers)
  let nodeTask: NodeTaskExport | null = null
  try {
    nodeTask = instantiateNodeTask(setup.module, setup.memory)
  } catch {
    Atomics.store(ctl, ERROR, 1)
  }
  let seen = Atomics.load(ctl, GENERATION)
  Atomics.add(ctl, READY, 1)
  for (;;) {
    let generation = Atomics.load(ctl, GENERATION)
    for (let i = 0; i < SPIN && generation === seen; i++) generation = Atomics.load(ctl, GENERATION)
    while (generation === seen) {
      Atomics.wait(ctl, GENERATION, seen)
      generation = Atomics.load(ctl, GENERATION)
    }
    seen = generation
    if (Atomics.load(ctl, STOP) !== 0) return
    const r = RANGES + 2 * (setup.index - 1)
    try {
      if (!nodeTask) throw new Error('no kernel')
      const a = ARGS
      // Called on an empty share too: it marks the thread's out slot "no split".
      nodeTask(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7], ctl[a + 8], ctl[a + 9], ctl[a + 10], ctl[a + 11], ctl[a + 12], ctl[a + 13], ctl[r], ctl[r + 1], ctl[a + 14] + setup.index * OUT_SLOT_BYTES)
    } catch {
      Atomics.store(ctl, ERROR, 1)
    }
    Atomics.add(ctl, DONE, 1)
    Atomics.notify(ctl, DONE)
  }
}
