import { runValidation, type ValidationKind } from '../core/tracking/run-validation'
import { runSearchText, type RunRow } from '../core/tracking/run-row'

/** One column of the runs table: how to read it from a run and whether it is a number. */
export interface RunColumn {
  id: string
  label: string
  numeric: boolean
  /** Text compared code unit by code unit (ISO timestamps: the same order, without a collator). */
  ordinal?: boolean
  value(run: RunRow): number | string | null
}

const metric = (name: string) => (run: RunRow): number | null => {
  const v = run.metrics[name] ?? run.cv?.summary[name]?.mean
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** Every column the runs table can show; the page picks which are visible. */
export const RUN_COLUMNS: RunColumn[] = [
  { id: 'startedAt', label: 'Started', numeric: false, ordinal: true, value: (r) => r.startedAt },
  { id: 'status', label: 'Status', numeric: false, value: (r) => r.status },
  { id: 'dataset', label: 'Dataset', numeric: false, value: (r) => r.dataset.name },
  { id: 'target', label: 'Target', numeric: false, value: (r) => r.target },
  { id: 'family', label: 'Model', numeric: false, value: (r) => r.family },
  // Held-out and cross-validated scores are not alike: every run says which it shows.
  { id: 'validation', label: 'Validation', numeric: false, value: (r) => runValidation(r).label },
  { id: 'tags', label: 'Tags', numeric: false, value: (r) => (r.tags ?? []).join(', ') },
  { id: 'accuracy', label: 'Accuracy', numeric: true, value: metric('accuracy') },
  { id: 'auc', label: 'ROC AUC', numeric: true, value: metric('auc') },
  { id: 'f1', label: 'F1', numeric: true, value: metric('f1') },
  { id: 'logLoss', label: 'Log loss', numeric: true, value: metric('logLoss') },
  { id: 'prAuc', label: 'PR AUC', numeric: true, value: metric('prAuc') },
  { id: 'brier', label: 'Brier', numeric: true, value: metric('brier') },
  { id: 'rmse', label: 'RMSE', numeric: true, value: metric('rmse') },
  { id: 'r2', label: 'R²', numeric: true, value: metric('r2') },
  { id: 'durationMs', label: 'Duration', numeric: true, value: (r) => r.durationMs },
  { id: 'rows', label: 'Rows', numeric: true, value: (r) => r.dataset.rows },
]

export const DEFAULT_COLUMNS = ['startedAt', 'status', 'dataset', 'target', 'family', 'validation', 'accuracy', 'auc', 'f1', 'logLoss', 'rmse', 'r2', 'durationMs']

export interface RunFilters {
  /** Matched against dataset, target, family, tags, note and id, case-insensitively. */
  text: string
  family: string | null
  /** Experiment id, or null for all experiments. */
  experiment: string | null
  status: string | null
  /** How the shown scores were measured: held-out split, cross-validation, or neither. */
  validation: ValidationKind | null
  tag: string | null
  /** Keep runs whose metric is at least `min` (and at most `max`); runs without the metric are dropped. */
  metric: string | null
  min: number | null
  max: number | null
  /** Search trials are child runs; they are listed only when asked for, or under their search. */
  showTrials: boolean
  /** Show only the trials of this search run. */
  parent: string | null
}

export const NO_FILTERS: RunFilters = { text: '', family: null, experiment: null, status: null, validation: null, tag: null, metric: null, min: null, max: null, showTrials: false, parent: null }

export interface RunSort {
  column: string
  descending: boolean
}

/** Each row's search text, made the first time a search needs it and kept while the row is. */
const searchTexts = new WeakMap<RunRow, string>()

/** What the search box is matched against (runSearchText), made once per row. */
function searchText(run: RunRow): string {
  let text = searchTexts.get(run)
  if (text === undefined) searchTexts.set(run, (text = runSearchText(run)))
  return text
}

/**
 * Whether a run's search text contains `needle` (trimmed, lower case). The
 * text is its parts joined by spaces, so a needle without a space lies inside
 * one part: dataset, target, model, a tag, the note or the id. All but the id
 * are shared by many runs, so each distinct part is lowered and searched once
 * per search, and no string is made per run; a needle with a space is
 * matched against the whole text.
 */
function textMatcher(needle: string): (run: RunRow) => boolean {
  if (needle.includes(' ')) return (run) => searchText(run).includes(needle)
  const seen = new Map<string, boolean>()
  const hit = (part: string): boolean => {
    let found = seen.get(part)
    if (found === undefined) seen.set(part, (found = String(part).toLowerCase().includes(needle)))
    return found
  }
  return (run) => hit(run.dataset.name) || hit(run.target) || hit(run.family) || (run.tags ?? []).some(hit) || hit(run.note ?? '') || run.id.toLowerCase().includes(needle)
}

/** The runs that pass every filter. Linear in runs; a search makes no string per run (textMatcher). */
export function filterRuns(runs: readonly RunRow[], filters: RunFilters): RunRow[] {
  const text = filters.text.trim().toLowerCase()
  const matches = text ? textMatcher(text) : null
  const read = filters.metric ? metric(filters.metric) : null
  return runs.filter((run) => {
    if (filters.parent !== null) {
      if (run.parentId !== filters.parent) return false
    } else if (!filters.showTrials && run.kind === 'trial') return false
    if (filters.family && run.family !== filters.family) return false
    if (filters.experiment && run.experimentId !== filters.experiment) return false
    if (filters.status && run.status !== filters.status) return false
    if (filters.validation && runValidation(run).kind !== filters.validation) return false
    if (filters.tag && !(run.tags ?? []).includes(filters.tag)) return false
    if (read && (filters.min !== null || filters.max !== null)) {
      const v = read(run)
      if (v === null) return false
      if (filters.min !== null && v < filters.min) return false
      if (filters.max !== null && v > filters.max) return false
    }
    if (matches && !matches(run)) return false
    return true
  })
}

/** The order of localeCompare, from one collator made once (localeCompare may make one per call). */
const TEXT_ORDER = new Intl.Collator()

/**
 * Sorted copy; runs without a value for the column always go last, ties keep
 * their order (newest first). Every key is turned into a number once — text
 * by its rank among the column's distinct values (few for most columns) — and
 * runs are placed by those numbers: the keys are sorted as a Float64Array
 * (natively, no comparator), and each run goes to the first free place of its
 * key, found by binary search, in input order, which keeps ties stable. Input
 * already in order (the newest-first list the page starts with) is only
 * checked, not sorted. So 50,000 runs sort without a comparator call.
 */
export function sortRuns(runs: readonly RunRow[], sort: RunSort): RunRow[] {
  const column = RUN_COLUMNS.find((c) => c.id === sort.column) ?? RUN_COLUMNS[0]
  const n = runs.length
  const values = runs.map((run) => {
    const v = column.value(run)
    return v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v
  })
  const sign = sort.descending ? -1 : 1
  if (column.ordinal && inOrder(values, sign)) return runs.slice()
  let rank: Map<string | number, number> | null = null
  if (values.some((v) => typeof v === 'string')) {
    const distinct = [...new Set(values.filter((v) => v !== null))].map(String)
    distinct.sort(column.ordinal ? (a, b) => (a < b ? -1 : a > b ? 1 : 0) : TEXT_ORDER.compare)
    rank = new Map()
    // Values the collator calls equal share a rank, so they stay in their order, as ties do.
    distinct.forEach((v, i) => rank!.set(v, i > 0 && !column.ordinal && TEXT_ORDER.compare(distinct[i - 1], v) === 0 ? rank!.get(distinct[i - 1])! : i))
  }
  const keys = new Float64Array(n)
  const present: number[] = []
  const missing: number[] = []
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v === null) missing.push(i)
    else {
      keys[present.length] = sign * (rank ? rank.get(String(v))! : (v as number))
      present.push(i)
    }
  }
  const m = present.length
  let sorted = true
  for (let k = 1; k < m && sorted; k++) sorted = keys[k - 1] <= keys[k]
  const order: number[] = new Array(n)
  if (sorted) for (let k = 0; k < m; k++) order[k] = present[k]
  else {
    const ascending = keys.slice(0, m).sort()
    const taken = new Int32Array(m)
    for (let k = 0; k < m; k++) {
      const key = keys[k]
      // First place holding this key: ties fill it, and the ones after it, in input order.
      let lo = 0
      let hi = m
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (ascending[mid] < key) lo = mid + 1
        else hi = mid
      }
      order[lo + taken[lo]++] = present[k]
    }
  }
  // Missing values keep their order, after every value.
  for (let k = 0; k < missing.length; k++) order[m + k] = missing[k]
  return order.map((i) => runs[i])
}

/** True when code-unit-ordered text (or numbers) is already sorted in the direction `sign`, missing values last. */
function inOrder(values: readonly (string | number | null)[], sign: number): boolean {
  let previous: string | number | null = null
  let sawMissing = false
  for (const v of values) {
    if (v === null) {
      sawMissing = true
      continue
    }
    if (sawMissing) return false
    if (previous !== null && (sign > 0 ? previous > v : previous < v)) return false
    previous = v
  }
  return true
}
