/**
 * A node's histogram work (build, subtraction, split search: the kernel's
 * nodeTask) split across threads by features. One shared WebAssembly memory, made
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
 * stop flag, error flag, ready count, the task, its arguments (the kernel's
 * nodeTask arguments for node work), then [from, to) per helper, then each
 * helper's result. Each thread searches its own features and writes
 * its best splits into its own out slot (OUT_SLOT_BYTES, thread t at
 * out + t × OUT_SLOT_BYTES), which the caller merges in feature order.
 *
 * The same helpers serve row tasks (row-tasks.ts: boosting's gradient pass
 * and the steps of a large node's partition), which cut a range of row
 * positions instead of the features.
 */
import { StudioError } from '../../../errors'
import type { BuildDispatch, BuildSplitter } from './wasm-kernel'
import { BLOCK_BYTES_PER_COLUMN, instantiateKernel, OUT_SLOT_BYTES, type KernelExports } from './wasm-kernel'
import { runRowTask, shareStart } from './row-tasks'
import { MIN_SPLIT_COST, shareByCost, ShareSpeeds } from './share-cost'
import { webAssembly, type WasmMemory, type WasmModule } from './wasm-api'

const GENERATION = 0
const DONE = 1
const STOP = 2
const ERROR = 3
const READY = 4
const TASK = 5
const ARGS = 6
/** The TASK of node work (row tasks have their own numbers, row-tasks.ts). */
const NODE_TASK = 0
/**
 * Tasks over a queue of records, which every thread takes one at a time
 * (Atomics.add on the queue's head) until none is left; the record count
 * and the head follow the arguments (QUEUE_COUNT, QUEUE_HEAD).
 * UNITS_TASK: a level's units (level-plan.ts, the kernel's nodeUnits);
 * arguments: the unit records, counted, bins, n, offsets, nBins, features,
 * row width and the base of the threads' blocks.
 * NODES_TASK: a level's partitions, a node each (the kernel's
 * partitionNodes); arguments: the node records, rows, g, h, scratch,
 * gScratch, hScratch.
 * EDGES_TASK: bin edges, a feature each (the kernel's columnEdges);
 * arguments: values, m, p, maxBins, records, record bytes, the base of the
 * threads' scratch and its bytes a thread.
 */
export const UNITS_TASK = 2
export const NODES_TASK = 7
export const EDGES_TASK = 8
const QUEUE_COUNT = 9
const QUEUE_HEAD = 10
/**
 * nodeTask's arguments before from, to and out (14), the base of the out
 * slots, the row-major codes, their width and the base of the threads' blocks
 * (a helper's out slot and block are its own: base + index × size).
 */
const ARG_COUNT = 18
const RANGES = ARGS + ARG_COUNT
/** Where the helpers' results start: a row task's result, or the microseconds a node share took. */
const RESULTS = (helpers: number): number => RANGES + 2 * helpers
/**
 * Row tasks below this many positions a thread stay on the calling thread
 * (the gradient pass costs about 10 ns a row, a partition's steps 0.5–2;
 * waking a helper and waiting for it, some microseconds).
 */
const MIN_ROWS_PER_THREAD = 16_384
/**
 * Polls before sleeping (about 10 ms at 5 ns a poll): a helper still
 * polling starts the next share at once instead of after a futex wake-up,
 * which on a virtual machine takes tens of microseconds or more. Between two
 * builds the calling thread partitions rows, and at the start of a fit (its
 * code not yet optimised) that can take over a millisecond: with 200,000
 * polls (1 ms) helpers fell asleep often in a first fit, whose builds then
 * waited 50–90 ms on wake-ups in all, against 30 ms later. Measured on
 * 100,000 rows, 2 threads, four alternating runs each: first fits 739–801
 * ms against 749–868, second fits 660–718 against 694–759.
 */
const SPIN = 2_000_000
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
  return new Int32Array(memory.buffer as SharedArrayBuffer, 0, RANGES + 3 * helpers)
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
    reserved: (4 * (RANGES + 3 * helpers) + 15) & ~15,
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
  const edges = new Int32Array(helpers + 2)
  let words = new Int32Array(shared.memory.buffer as SharedArrayBuffer)
  let doubles = new Float64Array(shared.memory.buffer as SharedArrayBuffer)
  // By kind (column-major or row-major codes) and size (rows, to a power of two): the cost model errs differently for each.
  const speeds = Array.from({ length: 64 }, () => new ShareSpeeds(helpers + 1))
  /** Helper i's share, [from, to). */
  const share = (i: number, from: number, to: number): void => {
    ctl[RANGES + 2 * (i - 1)] = from
    ctl[RANGES + 2 * (i - 1) + 1] = to
  }
  /** Hands the helpers `task` with `args` (their shares set) and wakes them. */
  const start = (task: number, args: number[]): void => {
    if (args.length > ARG_COUNT) throw new Error(`task ${task}: ${args.length} arguments, room for ${ARG_COUNT}`)
    ctl[TASK] = task
    for (let a = 0; a < args.length; a++) ctl[ARGS + a] = args[a]
    Atomics.store(ctl, DONE, 0)
    Atomics.add(ctl, GENERATION, 1)
    Atomics.notify(ctl, GENERATION)
  }
  /** Waits until every helper has done its share. */
  const finish = (): void => {
    waitFor(ctl, DONE, helpers)
    if (Atomics.load(ctl, ERROR) !== 0) throw new StudioError('threads-failed', 'training: a helper thread failed; train again, or on one thread')
  }
  const dispatch: BuildDispatch = {
    run(args, from, to, local) {
      const count = to - from
      const threads = Math.min(helpers + 1, count)
      const out = args[14]
      // The memory may have grown since the views were made.
      if (words.buffer !== shared.memory.buffer) {
        words = new Int32Array(shared.memory.buffer as SharedArrayBuffer)
        doubles = new Float64Array(shared.memory.buffer as SharedArrayBuffer)
      }
      const speed = speeds[(args[15] !== 0 ? 32 : 0) + Math.clz32(args[5])]
      if (threads < 2 || shareByCost(words, doubles, args, from, to, threads, edges, speed) < MIN_SPLIT_COST) {
        local(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], from, to, out, args[15], args[16], args[17])
        return 1
      }
      // Contiguous shares of the features; helpers beyond the feature count get empty ones.
      for (let i = 1; i <= helpers; i++) share(i, i < threads ? edges[i] : to, i < threads ? edges[i + 1] : to)
      start(NODE_TASK, args)
      const started = performance.now()
      local(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], from, edges[1], out, args[15], args[16], args[17])
      speed.time[0] = 1000 * (performance.now() - started)
      finish()
      for (let i = 1; i < threads; i++) speed.time[i] = ctl[RESULTS(helpers) + i - 1]
      speed.learn(threads)
      return threads
    },
    runQueue(task, args, count, local) {
      args[QUEUE_COUNT] = count
      args[QUEUE_HEAD] = 0
      start(task, args)
      takeFromQueue(ctl, count, local)
      finish()
    },
    runRows(task, args, m, local, results) {
      const threads = Math.max(1, Math.min(helpers + 1, Math.floor(m / MIN_ROWS_PER_THREAD)))
      if (threads < 2) {
        results[0] = local(0, m)
        return 1
      }
      for (let i = 1; i <= helpers; i++) share(i, shareStart(m, threads, i), shareStart(m, threads, i + 1))
      start(task, args)
      results[0] = local(0, shareStart(m, threads, 1))
      finish()
      for (let i = 1; i < threads; i++) results[i] = ctl[RESULTS(helpers) + i - 1]
      return threads
    },
  }
  return { threads: helpers + 1, shared, dispatch }
}

/** Runs records of the queue task under way, one at a time, each taken from the queue's head, until none is left. */
function takeFromQueue(ctl: Int32Array, count: number, run: (from: number, to: number) => void): void {
  for (;;) {
    const unit = Atomics.add(ctl, ARGS + QUEUE_HEAD, 1)
    if (unit >= count) return
    run(unit, unit + 1)
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
 * A helper thread's side: instantiates the kernel over the shared memory,
 * counts itself ready, and serves builds until stopped. Blocks the thread
 * meanwhile, which is what it is for.
 */
export function serveHistogramBuilds(setup: HelperSetup): void {
  const ctl = controlWords(setup.memory, setup.helpers)
  let kernel: KernelExports | null = null
  try {
    kernel = instantiateKernel(setup.module, setup.memory)
  } catch {
    Atomics.store(ctl, ERROR, 1)
  }
  // Row tasks read their arguments through one view of the control block.
  const args = ctl.subarray(ARGS)
  let seen = Atomics.load(ctl, GENERATION)
  Atomics.add(ctl, READY, 1)
  // The loop itself stays small: this function runs once for the thread's life, so V8 can only optimise it
  // on the fly (and drops back to the interpreter whenever a path runs for the first time); the work of a
  // task is in functions called once a task, which V8 optimises as it would any hot function.
  for (;;) {
    seen = nextTask(ctl, seen)
    if (Atomics.load(ctl, STOP) !== 0) return
    try {
      if (!kernel) throw new Error('no kernel')
      runTask(kernel, ctl, args, setup.index, setup.helpers)
    } catch {
      Atomics.store(ctl, ERROR, 1)
    }
    Atomics.add(ctl, DONE, 1)
    Atomics.notify(ctl, DONE)
  }
}

/** Waits for the generation to move on from `seen` (a spin, then futex sleeps); returns the new one. */
function nextTask(ctl: Int32Array, seen: number): number {
  let generation = Atomics.load(ctl, GENERATION)
  for (let i = 0; i < SPIN && generation === seen; i++) generation = Atomics.load(ctl, GENERATION)
  while (generation === seen) {
    Atomics.wait(ctl, GENERATION, seen)
    generation = Atomics.load(ctl, GENERATION)
  }
  return generation
}

/** Helper `index`'s part of the task under way. */
function runTask(kernel: KernelExports, ctl: Int32Array, args: Int32Array, index: number, helpers: number): void {
  const task = ctl[TASK]
  const a = ARGS
  const r = RANGES + 2 * (index - 1)
  if (task === UNITS_TASK) {
    const block = ctl[a + 8] + index * BLOCK_BYTES_PER_COLUMN * ctl[a + 7]
    takeFromQueue(ctl, ctl[a + QUEUE_COUNT], (from, to) => kernel.nodeUnits(ctl[a], from, to, ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7], block))
  } else if (task === EDGES_TASK) {
    const scratch = ctl[a + 6] + index * ctl[a + 7]
    takeFromQueue(ctl, ctl[a + QUEUE_COUNT], (from, to) => kernel.columnEdges(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], scratch, from, to))
  } else if (task === NODES_TASK) takeFromQueue(ctl, ctl[a + QUEUE_COUNT], (from, to) => kernel.partitionNodes(ctl[a], from, to, ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6]))
  else if (task !== NODE_TASK) ctl[RESULTS(helpers) + index - 1] = runRowTask(kernel, task, args, ctl[r], ctl[r + 1], index)
  else {
    const started = performance.now()
    // Called on an empty share too: it marks the thread's out slot "no split".
    kernel.nodeTask(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7], ctl[a + 8], ctl[a + 9], ctl[a + 10], ctl[a + 11], ctl[a + 12], ctl[a + 13], ctl[r], ctl[r + 1], ctl[a + 14] + index * OUT_SLOT_BYTES, ctl[a + 15], ctl[a + 16], ctl[a + 17] + index * BLOCK_BYTES_PER_COLUMN * ctl[a + 16])
    ctl[RESULTS(helpers) + index - 1] = Math.round(1000 * (performance.now() - started))
  }
}

