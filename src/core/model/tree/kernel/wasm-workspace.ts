/**
 * A histogram workspace in WebAssembly memory (wasmKernel's workspaces): the
 * binned matrix, row index, ordered gradients and histogram slots laid out
 * in the memory, and the node work, partitions and a level's batches handed
 * to the kernel (assembly/histogram.ts) on this thread or, with a splitter,
 * on the helpers too (kernel/parallel.ts). Every path gives the reference's
 * bits (workspace.ts).
 */
import { buildHistogram, HistogramPool, type HistogramLayout } from '../histogram'
import type { BinnedMatrix, SplitInfo } from '../types'
import { MemoryLayout, type WasmModule } from './wasm-api'
import { PARTITION_COPY_TASK, PARTITION_COUNT_TASK, PARTITION_SCATTER_TASK, runRowTask } from './row-tasks'
import { buildSearchInOrder, type HistogramWorkspace, type NodeSums } from './workspace'
import { NODES_TASK, UNITS_TASK } from './parallel'
import { featureCost, featureCostSums, MIN_SPLIT_COST } from './share-cost'
import { LevelPlan } from './level-plan'
import { BLOCK_BYTES_PER_COLUMN, instantiateKernel, OUT_SLOT_BYTES, workspaceMemory, type BuildDispatch, type BuildSplitter } from './wasm-kernel'

/** Doubles of nodeTask's params: lambda, alpha, minChildWeight, minSamplesLeaf, (flag, G, H, count, score, floor) per node, the built node's G, H and count, the bundle table's address. */
const PARAM_DOUBLES = 20
/**
 * Nodes of at least this many rows are partitioned by all threads, each a
 * share of the rows (three steps, each waiting for every thread; see
 * sharedPartition).
 */
const PARALLEL_PARTITION_ROWS = 32_768
/** Bytes of one unit record of the kernel's nodeUnits (see assembly/histogram.ts). */
const UNIT_BYTES = 64
/** Bytes of one node's record of the kernel's partitionNodes (see assembly/partition.ts). */
const NODE_RECORD_BYTES = 64
/** A level's partitions go side by side on threads from this many rows in all (a partition costs about 2 ns a row; waking the helpers, microseconds). */
const MIN_NODE_PARTITION_ROWS = 8192

/** One out slot's result (at doubles[f…], its i32 fields at ints[2f + 8…]) into `best` when it has a split with a strictly larger gain. */
function mergeSlot(doubles: Float64Array, ints: Int32Array, f: number, best: SplitInfo): void {
  const feature = ints[2 * f + 8]
  if (feature < 0 || !(doubles[f] > best.gain)) return
  best.gain = doubles[f]
  best.leftG[0] = doubles[f + 1]
  best.leftH = doubles[f + 2]
  best.leftCount = doubles[f + 3]
  best.feature = feature
  best.bin = ints[2 * f + 9]
  best.defaultLeft = ints[2 * f + 10] === 1
}

/** The kernel's bundle table for the matrix's bundles (see assembly/histogram.ts), or none. */
function bundleWords(data: BinnedMatrix): Int32Array {
  const bundles = data.bundles
  if (!bundles) return new Int32Array(0)
  const count = bundles.members.length
  const words = [bundles.first, count]
  let at = 2 + 2 * count
  for (const list of bundles.members) {
    words.push(list.length, at)
    at += list.length
  }
  for (const list of bundles.members) words.push(...list)
  return Int32Array.from(words)
}

/** A workspace `after` bytes into this thread's memory, or into the shared memory past its control block (the fit's gradient pass comes first). */
export function wasmWorkspace(module: WasmModule, splitter: BuildSplitter | null, after: number, data: BinnedMatrix, layout: HistogramLayout, outputs: number, slots: number, sparseShare: number): HistogramWorkspace {
  // Nodes of at most 1/sparseShare of the rows build from row-major codes; 0: no row-major codes.
  const rowMajor = sparseShare > 0
  if (outputs !== 1 || layout.outputs !== 1) throw new Error('wasm histogram kernel: only one-output histograms')
  const counted = layout.counted ? 1 : 0
  const { rows: n, cols: p } = data
  // The features' columns of codes, then the bundles' (feature-bundles.ts).
  const columns = data.nBins.length
  const bundleTable = bundleWords(data)
  const at = new MemoryLayout()
  const featuresAt = at.take(4 * p)
  const offsetsAt = at.take(4 * columns)
  const nBinsAt = at.take(4 * columns)
  const binsAt = at.take(n * columns)
  const bundlesAt = at.take(4 * bundleTable.length)
  // Row-major codes, each row padded to whole 16-byte words (the kernel copies rows a word at a time), and a block of them per thread.
  const width = (columns + 15) & ~15
  const rowBinsAt = at.take(rowMajor ? n * width : 0)
  const blockAt = at.take(rowMajor ? BLOCK_BYTES_PER_COLUMN * width * (splitter?.threads ?? 1) : 0)
  const rowsAt = at.take(4 * n)
  const scratchAt = at.take(4 * n)
  const gScratchAt = at.take(8 * n)
  const hScratchAt = at.take(8 * n)
  const paramsAt = at.take(8 * PARAM_DOUBLES)
  // Each share's left count of a partition split between threads.
  const countsAt = at.take(4 * (splitter?.threads ?? 1))
  // Cache-line aligned (see OUT_SLOT_BYTES); `base` is a multiple of 16, so up to 48 bytes of padding.
  const outRaw = at.take(OUT_SLOT_BYTES * (splitter?.threads ?? 1) + 48)
  const gAt = at.take(8 * n)
  const hAt = at.take(8 * n)
  // A level's work at once (buildSearchBatch): each item's search parameters, each unit's record and results (cache-line aligned, as out).
  const threads = splitter?.threads ?? 1
  // A level plan's units: at most two per thread (UNITS_PER_THREAD; four allowed), plus one and a half per item (see LevelPlan).
  const maxUnits = 2 * slots + 4 * threads + 8
  const itemParamsAt = at.take(8 * PARAM_DOUBLES * slots)
  // A level's partitions side by side (partitionBatch): a record per node, cache-line aligned.
  const nodeRecordsRaw = at.take(NODE_RECORD_BYTES * slots + 48)
  const unitsRaw = at.take(UNIT_BYTES * maxUnits + 48)
  const unitOutRaw = at.take(OUT_SLOT_BYTES * maxUnits + 48)
  const histBytes = 8 * layout.size
  const slotsAt = at.take(0)
  for (let s = 0; s < slots; s++) at.take(histBytes)
  const { memory, base } = workspaceMemory(splitter, after, at.bytes)
  const outAt = ((base + outRaw + 63) & ~63) - base
  const unitsAt = ((base + unitsRaw + 63) & ~63) - base
  const nodeRecordsAt = ((base + nodeRecordsRaw + 63) & ~63) - base
  const unitOutAt = ((base + unitOutRaw + 63) & ~63) - base
  const buffer = memory.buffer
  const kernel = instantiateKernel(module, memory)
  const features = new Int32Array(buffer, base + featuresAt, p)
  new Int32Array(buffer, base + offsetsAt, columns).set(layout.offsets)
  new Int32Array(buffer, base + nBinsAt, columns).set(data.nBins)
  new Uint8Array(buffer, base + binsAt, n * p).set(data.bins.subarray(0, n * p))
  if (data.bundles) new Uint8Array(buffer, base + binsAt + n * p, data.bundles.codes.length).set(data.bundles.codes)
  new Int32Array(buffer, base + bundlesAt, bundleTable.length).set(bundleTable)
  // The bundle table's address, as nodeTask reads it from its parameters (0: no bundles).
  const bundles = bundleTable.length > 0 ? base + bundlesAt : 0
  if (rowMajor) kernel.transposeBins(base + binsAt, n, columns, base + rowBinsAt, width, 0, n)
  /** The row-major codes for a node of m rows where it builds from them (see SPARSE_SHARE), else 0. */
  const rowBinsFor = (m: number): number => (rowMajor && m * sparseShare <= n ? base + rowBinsAt : 0)
  const rows = new Uint32Array(buffer, base + rowsAt, n)
  const gOrdered = new Float64Array(buffer, base + gAt, n)
  const hOrdered = new Float64Array(buffer, base + hAt, n)
  const params = new Float64Array(buffer, base + paramsAt, PARAM_DOUBLES)
  const outF64 = new Float64Array(buffer, base + outAt, (OUT_SLOT_BYTES / 8) * (splitter?.threads ?? 1))
  const outI32 = new Int32Array(buffer, base + outAt, (OUT_SLOT_BYTES / 4) * (splitter?.threads ?? 1))
  const itemParams = new Float64Array(buffer, base + itemParamsAt, PARAM_DOUBLES * slots)
  const unitWords = new Int32Array(buffer, base + unitsAt, (UNIT_BYTES / 4) * maxUnits)
  const nodeWords = new Int32Array(buffer, base + nodeRecordsAt, (NODE_RECORD_BYTES / 4) * slots)
  const nodeQueue: number[] = []
  const unitOutF64 = new Float64Array(buffer, base + unitOutAt, (OUT_SLOT_BYTES / 8) * maxUnits)
  const unitOutI32 = new Int32Array(buffer, base + unitOutAt, (OUT_SLOT_BYTES / 4) * maxUnits)
  const plan = splitter ? new LevelPlan(threads) : null
  // featureCostSums of the last features a level was planned with.
  let costFeatures: Int32Array | null = null
  let featureSums = { rowWeight: 0, binWeight: 0 }
  const searchScratch = new Float64Array(2)
  // The features' and bundles' codes side by side, as in the memory.
  const codes = data.bundles ? { ...data, bins: new Uint8Array(buffer, base + binsAt, n * columns) } : data
  // Builds outside the memory read the ordered gradients from entry start on, as the kernel does.
  const referenceBuild = (hist: Float64Array, start: number, end: number, treeFeatures: Int32Array, contiguous: boolean, from = 0, to = treeFeatures.length): void =>
    buildHistogram(hist, layout, codes, rows, start, end, treeFeatures, from, to, gOrdered.subarray(start), hOrdered.subarray(start), contiguous)
  /** Writes the built node's sums and the bundle table's address (nodeTask's parameters 16…19) at target[at…]. */
  const setTotals = (target: Float64Array, at: number, totals: NodeSums): void => {
    target[at + 16] = totals.G[0]
    target[at + 17] = totals.H
    target[at + 18] = totals.count
    target[at + 19] = bundles
  }
  /** Writes one node's search parameters (flag, G, H, count, score, floor) at target[at…]. */
  const setSearch = (target: Float64Array, at: number, sums: NodeSums | null, best: SplitInfo): void => {
    target[at] = sums ? 1 : 0
    if (!sums) return
    target[at + 1] = sums.G[0]
    target[at + 2] = sums.H
    target[at + 3] = sums.count
    target[at + 4] = sums.score
    target[at + 5] = best.gain
  }
  /** Takes node `node`'s results from each thread's slot in feature order: a later share wins only with a strictly larger gain, as one scan would. */
  const merge = (threads: number, node: number, best: SplitInfo): void => {
    for (let t = 0; t < threads; t++) mergeSlot(outF64, outI32, (t * OUT_SLOT_BYTES + node * 48) / 8, best)
  }
  const counts = new Int32Array(buffer, base + countsAt, splitter?.threads ?? 1)
  /**
   * partition of rows[start..end) with the threads each taking a share of
   * the rows: count, scatter to the scratch areas, copy back (row-tasks.ts).
   * Returns the left count.
   */
  const sharedPartition = (start: number, end: number, column: number, splitBin: number, missing: number, missingLeft: number, gradients: number): number => {
    const run = (dispatch as BuildDispatch).runRows
    const m = end - start
    const rowsFrom = base + rowsAt + 4 * start
    const areas = [rowsFrom, base + gAt + 8 * start, base + hAt + 8 * start, base + scratchAt + 4 * start, base + gScratchAt + 8 * start, base + hScratchAt + 8 * start]
    const countArgs = [rowsFrom, column, splitBin, missing, missingLeft]
    const shares = run(PARTITION_COUNT_TASK, countArgs, m, (from, to) => runRowTask(kernel, PARTITION_COUNT_TASK, countArgs, from, to, 0), counts)
    let lefts = 0
    for (let i = 0; i < shares; i++) lefts += counts[i]
    const scatterArgs = [gradients, ...areas, column, splitBin, missing, missingLeft, base + countsAt, shares]
    run(PARTITION_SCATTER_TASK, scatterArgs, m, (from, to) => runRowTask(kernel, PARTITION_SCATTER_TASK, scatterArgs, from, to, 0), shareResults)
    const copyArgs = [gradients, ...areas]
    run(PARTITION_COPY_TASK, copyArgs, m, (from, to) => runRowTask(kernel, PARTITION_COPY_TASK, copyArgs, from, to, 0), shareResults)
    return lefts
  }
  const shareResults = new Int32Array(splitter?.threads ?? 1)
  const free: Float64Array[] = []
  for (let s = slots - 1; s >= 0; s--) free.push(new Float64Array(buffer, base + slotsAt + s * histBytes, layout.size))
  const overflow = new HistogramPool(layout.size)
  const dispatch = splitter?.dispatch ?? null
  const inMemory = (hist: Float64Array): boolean => hist.buffer === buffer
  return {
    rows,
    gOrdered,
    hOrdered,
    acquire: () => free.pop() ?? overflow.acquire(),
    release: (hist) => (inMemory(hist) ? free.push(hist) : overflow.release(hist)),
    build(hist, start, end, treeFeatures, from, to, contiguous) {
      if (!inMemory(hist)) return referenceBuild(hist, start, end, treeFeatures, contiguous, from, to)
      features.set(treeFeatures)
      // A build alone: nodeTask without a parent, searches or bundles' members (a build fills the slices of the entries it is given).
      params[4] = 0
      params[10] = 0
      params[19] = 0
      const args = [counted, hist.byteOffset, base + binsAt, n, base + rowsAt + 4 * start, end - start, contiguous ? 1 : 0, base + gAt + 8 * start, base + hAt + 8 * start, base + offsetsAt, base + nBinsAt, base + featuresAt, 0, base + paramsAt, base + outAt, rowBinsFor(end - start), width, base + blockAt]
      if (dispatch) dispatch.run(args, from, to, kernel.nodeTask)
      else kernel.nodeTask(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], from, to, args[14], args[15], args[16], args[17])
    },
    partition(start, end, feature, splitBin, missingLeft, gradients) {
      const column = base + binsAt + feature * n
      const missing = data.nBins[feature]
      const left = missingLeft ? 1 : 0
      if (dispatch && end - start >= PARALLEL_PARTITION_ROWS) return start + sharedPartition(start, end, column, splitBin, missing, left, gradients ? 1 : 0)
      return gradients
        ? kernel.partition(base + rowsAt, base + gAt, base + hAt, base + scratchAt, base + gScratchAt, base + hScratchAt, column, start, end, splitBin, missing, left)
        : kernel.partitionRows(base + rowsAt, base + scratchAt, column, start, end, splitBin, missing, left)
    },
    partitionBatch(requests, count) {
      let levelRows = 0
      for (let i = 0; i < count; i++) levelRows += requests[i].end - requests[i].start
      const threads = splitter?.threads ?? 1
      // Nodes side by side, a node a thread, largest first; a node that would keep its thread busy longer than the others take for all the rest is
      // partitioned by every thread first (three steps, about twice a plain partition's work a row). On 2 threads no node is: the level's larger
      // node alone took less time than the three steps on it then the others (second level, 2 threads, a fit: 11–13 ms against 18 at 100,000
      // rows, 124–131 against 151–171 at 1,000,000).
      const queue = nodeQueue
      queue.length = 0
      let queued = 0
      for (let i = 0; i < count; i++) {
        const m = requests[i].end - requests[i].start
        if (dispatch && count > 1 && count <= slots && m * (threads - 1) <= levelRows) {
          queue.push(i)
          queued += m
        }
      }
      // Too few rows side by side to be worth waking the helpers: every node here, one after another.
      if (queued < MIN_NODE_PARTITION_ROWS) queue.length = 0
      for (let i = 0, k = 0; i < count; i++) {
        if (queue[k] === i) k++
        else requests[i].right = this.partition(requests[i].start, requests[i].end, requests[i].feature, requests[i].splitBin, requests[i].missingLeft, requests[i].gradients)
      }
      if (queue.length === 0) return
      queue.sort((a, b) => requests[b].end - requests[b].start - (requests[a].end - requests[a].start) || a - b)
      for (let k = 0; k < queue.length; k++) {
        const r = requests[queue[k]]
        const w = (NODE_RECORD_BYTES / 4) * k
        nodeWords[w] = r.start
        nodeWords[w + 1] = r.end
        nodeWords[w + 2] = base + binsAt + r.feature * n
        nodeWords[w + 3] = r.splitBin
        nodeWords[w + 4] = data.nBins[r.feature]
        nodeWords[w + 5] = r.missingLeft ? 1 : 0
        nodeWords[w + 6] = r.gradients ? 1 : 0
      }
      const nodeArgs = [base + nodeRecordsAt, base + rowsAt, base + gAt, base + hAt, base + scratchAt, base + gScratchAt, base + hScratchAt]
      ;(dispatch as BuildDispatch).runQueue(NODES_TASK, nodeArgs, queue.length, (from, to) => kernel.partitionNodes(nodeArgs[0], from, to, nodeArgs[1], nodeArgs[2], nodeArgs[3], nodeArgs[4], nodeArgs[5], nodeArgs[6]))
      for (let k = 0; k < queue.length; k++) requests[queue[k]].right = nodeWords[(NODE_RECORD_BYTES / 4) * k + 7]
    },
    buildSearch(work) {
      const { hist, parent, features: treeFeatures, constraints: c } = work
      if (!inMemory(hist) || (parent && !inMemory(parent))) return buildSearchInOrder(work, layout, data, searchScratch, referenceBuild)
      features.set(treeFeatures)
      params[0] = c.lambda
      params[1] = c.alpha
      params[2] = c.minChildWeight
      params[3] = c.minSamplesLeaf
      setSearch(params, 4, work.search, work.best)
      setSearch(params, 10, parent ? work.parentSearch : null, work.parentBest)
      setTotals(params, 0, work.totals)
      const args = [counted, hist.byteOffset, base + binsAt, n, base + rowsAt + 4 * work.start, work.end - work.start, work.contiguous ? 1 : 0, base + gAt + 8 * work.start, base + hAt + 8 * work.start, base + offsetsAt, base + nBinsAt, base + featuresAt, parent ? parent.byteOffset : 0, base + paramsAt, base + outAt, rowBinsFor(work.end - work.start), width, base + blockAt]
      const p = treeFeatures.length
      let threads = 1
      if (dispatch) threads = dispatch.run(args, 0, p, kernel.nodeTask)
      else kernel.nodeTask(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], 0, p, args[14], args[15], args[16], args[17])
      if (work.search) merge(threads, 0, work.best)
      if (parent && work.parentSearch) merge(threads, 1, work.parentBest)
    },
    buildSearchBatch(works, count) {
      let inPlace = dispatch !== null && plan !== null && count <= slots
      for (let i = 0; i < count && inPlace; i++) inPlace = inMemory(works[i].hist) && (!works[i].parent || inMemory(works[i].parent as Float64Array)) && works[i].features === works[0].features
      if (!inPlace || count === 0) {
        for (let i = 0; i < count; i++) this.buildSearch(works[i])
        return
      }
      const run = dispatch as BuildDispatch
      const levelPlan = plan as LevelPlan
      const treeFeatures = works[0].features
      const p = treeFeatures.length
      // Rows and passes over the bins (searches, subtraction) of each item, for the cost model.
      const itemRows = (i: number): number => works[i].end - works[i].start
      const itemPasses = (i: number): number => (works[i].search ? 1 : 0) + (works[i].parent ? (works[i].parentSearch ? 2 : 1) : 0)
      // An item's cost is its rows times the features' row weights plus its passes over their bins: sums made once per set of features.
      if (treeFeatures !== costFeatures) {
        costFeatures = treeFeatures
        featureSums = featureCostSums(data.nBins, treeFeatures)
      }
      const sums = featureSums
      levelPlan.plan(
        count,
        p,
        (i) => itemRows(i) * sums.rowWeight + itemPasses(i) * sums.binWeight,
        (i, fi) => featureCost(data.nBins[treeFeatures[fi]], itemRows(i), itemPasses(i)),
      )
      if (levelPlan.total < MIN_SPLIT_COST || levelPlan.count > maxUnits) {
        for (let i = 0; i < count; i++) this.buildSearch(works[i])
        return
      }
      features.set(treeFeatures)
      for (let i = 0; i < count; i++) {
        const work = works[i]
        const c = work.constraints
        const at = PARAM_DOUBLES * i
        itemParams[at] = c.lambda
        itemParams[at + 1] = c.alpha
        itemParams[at + 2] = c.minChildWeight
        itemParams[at + 3] = c.minSamplesLeaf
        setSearch(itemParams, at + 4, work.search, work.best)
        setSearch(itemParams, at + 10, work.parent ? work.parentSearch : null, work.parentBest)
        setTotals(itemParams, at, work.totals)
      }
      // Records in queue order; each unit's results in the slot of its place in the plan.
      for (let k = 0; k < levelPlan.count; k++) {
        const u = levelPlan.queue[k]
        const work = works[levelPlan.item[u]]
        const r = (UNIT_BYTES / 4) * k
        const m = work.end - work.start
        unitWords[r] = work.hist.byteOffset
        unitWords[r + 1] = base + rowsAt + 4 * work.start
        unitWords[r + 2] = m
        unitWords[r + 3] = work.contiguous ? 1 : 0
        unitWords[r + 4] = base + gAt + 8 * work.start
        unitWords[r + 5] = base + hAt + 8 * work.start
        unitWords[r + 6] = work.parent ? work.parent.byteOffset : 0
        unitWords[r + 7] = base + itemParamsAt + 8 * PARAM_DOUBLES * levelPlan.item[u]
        unitWords[r + 8] = levelPlan.from[u]
        unitWords[r + 9] = levelPlan.to[u]
        unitWords[r + 10] = base + unitOutAt + OUT_SLOT_BYTES * u
        unitWords[r + 11] = rowBinsFor(m)
      }
      const unitArgs = [base + unitsAt, counted, base + binsAt, n, base + offsetsAt, base + nBinsAt, base + featuresAt, width, base + blockAt]
      run.runQueue(UNITS_TASK, unitArgs, levelPlan.count, (from, to) => kernel.nodeUnits(base + unitsAt, from, to, counted, base + binsAt, n, base + offsetsAt, base + nBinsAt, base + featuresAt, width, base + blockAt))
      // Each item's units were planned features ascending: merged in plan order, a later unit wins only with a strictly larger gain.
      for (let u = 0; u < levelPlan.count; u++) {
        const work = works[levelPlan.item[u]]
        const f = (OUT_SLOT_BYTES / 8) * u
        if (work.search) mergeSlot(unitOutF64, unitOutI32, f, work.best)
        if (work.parent && work.parentSearch) mergeSlot(unitOutF64, unitOutI32, f + 6, work.parentBest)
      }
    },
  }
}
