/**
 * Histogram builds split across threads. The caller's workspace memory is a
 * shared WebAssembly memory; each helper thread instantiates the same kernel
 * over it, so a build needs no copying: the caller writes the build's
 * arguments into a control block in that memory, wakes the helpers, builds
 * its own share of the features and waits for theirs. A feature's bins are
 * always summed by one thread, rows in order, so the histogram has the same
 * bits whatever the thread count — and the model is the same.
 *
 * The threads themselves are the adapter's (worker_threads in Node, Web
 * Workers in the page): it passes `bind(message)` per helper, which must
 * deliver the message to that thread's serveHistogramBuilds.
 *
 * Control block (Int32 words): generation (bumped per build), done count,
 * stop flag, error flag, the 11 kernel arguments, then [from, to) per helper.
 */
import { StudioError } from '../../../errors'
import type { BuildDispatch, BuildSplitter, HistogramExport } from './wasm-kernel'
import { instantiateHistogram } from './wasm-kernel'
import type { WasmMemory, WasmModule } from './wasm-api'

const GENERATION = 0
const DONE = 1
const STOP = 2
const ERROR = 3
const ARGS = 4
const ARG_COUNT = 11
const RANGES = ARGS + ARG_COUNT + 1
/** Builds smaller than this many row × feature updates stay on the calling thread: waking a helper costs more. */
const MIN_SPLIT_UPDATES = 48_000
/** Seconds without any helper finishing its share before a build gives up. */
const STALLED_SECONDS = 120
/** Polls before sleeping: a helper woken within microseconds saves the futex round trip on every build. */
const SPIN = 4000

/** What a helper thread receives to serve one workspace's builds. */
export interface HelperBinding {
  module: WasmModule
  memory: WasmMemory
  /** Byte address of the control block. */
  control: number
  /** 1…helpers: which [from, to) of the control block is this helper's. */
  index: number
  /** How many helpers share the control block. */
  helpers: number
}

function words(memory: WasmMemory, control: number, helpers: number): Int32Array {
  return new Int32Array(memory.buffer as SharedArrayBuffer, control, RANGES + 2 * helpers)
}

/**
 * A splitter over `helpers` threads (threads = helpers + 1); `bind(i, binding)`
 * hands helper i (1-based) a workspace to serve until it is detached.
 */
export function threadSplitter(helpers: number, bind: (index: number, binding: HelperBinding) => void): BuildSplitter {
  return {
    threads: helpers + 1,
    controlBytes: 4 * (RANGES + 2 * helpers),
    attach(memory, control, module) {
      const ctl = words(memory, control, helpers)
      for (let i = 1; i <= helpers; i++) bind(i, { module, memory, control, index: i, helpers })
      return dispatchOver(ctl, helpers)
    },
  }
}

function dispatchOver(ctl: Int32Array, helpers: number): BuildDispatch {
  let detached = false
  return {
    run(args, from, to, local) {
      const count = to - from
      const threads = Math.min(helpers + 1, count)
      if (threads < 2 || args[4] * count < MIN_SPLIT_UPDATES) {
        local(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], from, to)
        return
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
      local(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], from, edge(1))
      waitFor(ctl, DONE, helpers)
      if (Atomics.load(ctl, ERROR) !== 0) throw new StudioError('threads-failed', 'training: a histogram helper thread failed; train again, or on one thread')
    },
    detach() {
      if (detached) return
      detached = true
      Atomics.store(ctl, STOP, 1)
      Atomics.add(ctl, GENERATION, 1)
      Atomics.notify(ctl, GENERATION)
    },
  }
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
 * A helper thread's side: serves builds of the bound workspace until it is
 * detached, then returns (the thread goes back to waiting for a binding).
 * Blocks the thread meanwhile, which is what it is for.
 */
export function serveHistogramBuilds(binding: HelperBinding): void {
  const ctl = words(binding.memory, binding.control, binding.helpers)
  let histogram: HistogramExport | null = null
  try {
    histogram = instantiateHistogram(binding.module, binding.memory)
  } catch {
    Atomics.store(ctl, ERROR, 1)
  }
  let seen = 0
  for (;;) {
    let generation = Atomics.load(ctl, GENERATION)
    for (let i = 0; i < SPIN && generation === seen; i++) generation = Atomics.load(ctl, GENERATION)
    while (generation === seen) {
      Atomics.wait(ctl, GENERATION, seen, 1000)
      generation = Atomics.load(ctl, GENERATION)
    }
    seen = generation
    if (Atomics.load(ctl, STOP) !== 0) return
    const r = RANGES + 2 * (binding.index - 1)
    try {
      if (!histogram) throw new Error('no kernel')
      const a = ARGS
      if (ctl[r] < ctl[r + 1]) histogram(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7], ctl[a + 8], ctl[a + 9], ctl[a + 10], ctl[r], ctl[r + 1])
    } catch {
      Atomics.store(ctl, ERROR, 1)
    }
    Atomics.add(ctl, DONE, 1)
    Atomics.notify(ctl, DONE)
  }
}
