/**
 * The models the server answers with, kept current without a restart.
 *
 * `--model file.json` serves that file; `--model dir/` serves every bundle
 * under it. A change on disk (fs.watch, with a periodic rescan as a fallback
 * for file systems where watching misses events) triggers a rescan: changed
 * or added files are loaded and validated by core, and only then swapped in
 * as a new immutable ModelSnapshot in one assignment. A request holds the
 * snapshot (or model) it resolved, so no request ever sees half a swap.
 * A bundle that fails validation is refused and logged, and the version that
 * file held before keeps serving; a removed file stops being served (in
 * single-file mode the last good version stays: a file being replaced is
 * briefly absent).
 */
import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { fileStamp, listBundleTree, loadBundleFile, type FileStamp } from './model-files'
import { ModelSnapshot, type ServedModel } from './served-model'

/** The logging the store needs (pino's shape). */
export interface StoreLogger {
  info(facts: object, message: string): void
  warn(facts: object, message: string): void
  debug(facts: object, message: string): void
}

export interface ModelStoreOptions {
  logger: StoreLogger
  /** Rescan the disk this often even without a watch event (0: never). */
  rescanMs?: number
  /** Wait this long after a watch event before rescanning, so a file being written settles. */
  debounceMs?: number
  /** Use fs.watch events (default); false leaves only the periodic rescan (tests of that fallback). */
  watchEvents?: boolean
}

/** What one file on disk last gave: its stamp, and the model it serves (the last good one). */
interface FileState {
  stamp: FileStamp
  model: ServedModel | null
}

/** What a rescan changed. */
export interface ScanReport {
  loaded: string[]
  removed: string[]
  refused: string[]
}

export class ModelStore {
  private current = new ModelSnapshot([])
  private readonly files = new Map<string, FileState>()
  private readonly source: string
  private isDirectory = false
  private scanning: Promise<ScanReport> | null = null
  private again = false
  /** One non-recursive fs.watch per folder (recursive watching on Linux misses changes to replaced files). */
  private readonly watchers = new Map<string, FSWatcher>()
  private watching = false
  private folders: string[] = []
  private timer: NodeJS.Timeout | null = null
  private debounce: NodeJS.Timeout | null = null
  private closed = false
  private readonly listeners = new Set<(snapshot: ModelSnapshot) => void>()

  private constructor(
    source: string,
    private readonly options: ModelStoreOptions,
  ) {
    this.source = resolve(source)
  }

  /**
   * Opens `source` (a bundle file or a directory of them) and loads what it
   * holds. A single file that cannot be served is an error (there is nothing
   * to serve); a directory may start empty or with refused files.
   */
  static async open(source: string, options: ModelStoreOptions): Promise<ModelStore> {
    const store = new ModelStore(source, options)
    let info
    try {
      info = await stat(store.source)
    } catch {
      throw new Error(`serve: --model "${source}" does not exist; expected a bundle file or a directory of bundles`)
    }
    store.isDirectory = info.isDirectory()
    const report = await store.rescan()
    if (!store.isDirectory && !store.current.ready) {
      throw new Error(`serve: "${source}" cannot be served: ${report.refused[0] ?? 'it is not a model bundle'}`)
    }
    return store
  }

  /** The models served now. Resolve once per request and keep using what you got. */
  get snapshot(): ModelSnapshot {
    return this.current
  }

  /** Calls `listener` after every swap. */
  onSwap(listener: (snapshot: ModelSnapshot) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts watching the disk (fs.watch plus a periodic rescan). */
  watch(): void {
    if (this.closed || this.watching) return
    this.watching = true
    const { rescanMs = 5000 } = this.options
    this.syncWatchers()
    if (rescanMs > 0) {
      this.timer = setInterval(() => void this.rescan(), rescanMs)
      this.timer.unref()
    }
  }

  /**
   * Watches every folder the last scan searched (a lone file: its folder,
   * filtered to its name, since editors and deploy tools replace files by
   * renaming), and stops watching folders that are gone.
   */
  private syncWatchers(): void {
    if (!this.watching || this.closed || this.options.watchEvents === false) return
    const wanted = new Set(this.isDirectory ? this.folders : [dirname(this.source)])
    const only = this.isDirectory ? null : basename(this.source)
    for (const [dir, watcher] of this.watchers) {
      if (wanted.has(dir)) continue
      watcher.close()
      this.watchers.delete(dir)
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (only === null || name === null || String(name) === only) this.schedule()
        })
        // A watched folder that is deleted errors; the next scan drops or re-adds it.
        watcher.on('error', () => {
          watcher.close()
          this.watchers.delete(dir)
          this.schedule()
        })
        this.watchers.set(dir, watcher)
      } catch (error) {
        this.options.logger.warn({ error_code: (error as NodeJS.ErrnoException)?.code ?? 'watch-failed', folder: dir }, 'cannot watch a model folder; relying on the periodic rescan')
      }
    }
  }

  /** Stops watching. Served models stay as they are. */
  close(): void {
    this.closed = true
    for (const watcher of this.watchers.values()) watcher.close()
    this.watchers.clear()
    if (this.timer) clearInterval(this.timer)
    if (this.debounce) clearTimeout(this.debounce)
    this.timer = this.debounce = null
  }

  /** A rescan soon, once events stop arriving for debounceMs. */
  private schedule(): void {
    if (this.closed) return
    if (this.debounce) clearTimeout(this.debounce)
    this.debounce = setTimeout(() => {
      this.debounce = null
      void this.rescan()
    }, this.options.debounceMs ?? 100)
    this.debounce.unref()
  }

  /**
   * Reads what changed on disk and swaps in a new snapshot if anything did.
   * Rescans never overlap: one asked for during another runs right after it.
   */
  rescan(): Promise<ScanReport> {
    if (this.scanning) {
      this.again = true
      return this.scanning
    }
    this.scanning = (async () => {
      let report: ScanReport
      do {
        this.again = false
        report = await this.scanOnce()
      } while (this.again && !this.closed)
      this.scanning = null
      return report
    })()
    return this.scanning
  }

  private async scanOnce(): Promise<ScanReport> {
    const { logger } = this.options
    const report: ScanReport = { loaded: [], removed: [], refused: [] }
    let paths = [this.source]
    if (this.isDirectory) {
      const tree = await listBundleTree(this.source)
      paths = tree.files
      this.folders = tree.dirs
      this.syncWatchers()
    }
    const seen = new Set<string>()
    let changed = false
    for (const path of paths) {
      const stamp = await fileStamp(path)
      if (stamp === null) continue
      seen.add(path)
      const before = this.files.get(path)
      if (before?.stamp === stamp) continue
      const outcome = await loadBundleFile(path)
      if (outcome.kind === 'loaded') {
        const { model } = outcome
        this.files.set(path, { stamp, model })
        changed = true
        report.loaded.push(path)
        logger.info({ model: model.name, version: model.version, stage: model.stage, file: path, replaced: before?.model ? before.model.version : undefined }, before?.model ? 'model replaced' : 'model loaded')
      } else if (outcome.kind === 'refused') {
        this.files.set(path, { stamp, model: before?.model ?? null })
        report.refused.push(`${outcome.message}`)
        logger.warn(
          { file: path, error_code: outcome.code, reason: outcome.message, keeps_serving: before?.model ? `${before.model.name} version ${before.model.version}` : null },
          'bundle refused',
        )
      } else {
        if (before?.model) changed = true
        this.files.set(path, { stamp, model: null })
        logger.debug({ file: path }, 'not a model bundle; skipped')
      }
    }
    for (const [path, state] of this.files) {
      if (seen.has(path)) continue
      // A lone --model file that vanished is most likely being replaced: keep serving it.
      if (!this.isDirectory) continue
      this.files.delete(path)
      if (state.model) {
        changed = true
        report.removed.push(path)
        logger.info({ model: state.model.name, version: state.model.version, file: path }, 'model removed')
      }
    }
    if (changed) this.swap()
    return report
  }

  /** Builds the new snapshot from every file's model and makes it current in one assignment. */
  private swap(): void {
    const byKey = new Map<string, ServedModel>()
    for (const [path, state] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const model = state.model
      if (!model) continue
      const key = `${model.name}\u0000${model.version}`
      const holder = byKey.get(key)
      if (holder) {
        this.options.logger.warn({ model: model.name, version: model.version, file: path, serving: holder.file }, 'two files hold the same model version; serving the first')
        continue
      }
      byKey.set(key, model)
    }
    this.current = new ModelSnapshot([...byKey.values()])
    for (const listener of this.listeners) listener(this.current)
  }
}
