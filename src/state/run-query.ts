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

/** What the search box is matched against; rows carry it ready-made (core/tracking/run-row), full runs have it made here. */
function searchText(run: RunRow): string {
  return run.searchText ?? runSearchText(run)
}

/** The runs that pass every filter. Linear in runs; stored rows carry their search text, so no string is made per run. */
export function filterRuns(runs: readonly RunRow[], filters: RunFilters): RunRow[] {
  const text = filters.text.trim().toLowerCase()
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
    if (text && !searchText(run).includes(text)) return false
    return true
  })
}

/** The order of localeCompare, from one collator made once (localeCompare may make one per call). */
const TEXT_ORDER = new Intl.Collator()

/**
 * Sorted copy; runs without a value for the column always go last, ties keep
 * their order (newest first). Every key is turned into a number once — text
 * by its rank among the column's distinct values (few for most columns) — and
 * positions are sorted by those numbers; input already in order (the
 * newest-first list the page starts with) is only checked, not sorted. So
 * 50,000 runs sort without a collator call or a property read per comparison.
 */
export function sortRuns(runs: readonly RunRow[], sort: RunSort): RunRow[] {
  const column = RUN_COLUMNS.find((c) => c.id === sort.column) ?? RUN_COLUMNS[0]
  const n = runs.length
  const values = runs.map((run) => column.value(run) ?? null)
  const keys = new Float64Array(n)
  const present: number[] = []
  const missing: number[] = []
  const text = values.some((v) => typeof v === 'string')
  let rank: Map<string | number, number> | null = null
  if (text) {
    const distinct = [...new Set(values.filter((v) => v !== null))].map(String)
    distinct.sort(column.ordinal ? (a, b) => (a < b ? -1 : a > b ? 1 : 0) : TEXT_ORDER.compare)
    rank = new Map()
    // Values the collator calls equal share a rank, so they stay in their order, as ties do.
    distinct.forEach((v, i) => rank!.set(v, i > 0 && !column.ordinal && TEXT_ORDER.compare(distinct[i - 1], v) === 0 ? rank!.get(distinct[i - 1])! : i))
  }
  const sign = sort.descending ? -1 : 1
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v === null) missing.push(i)
    else {
      keys[i] = sign * (rank ? rank.get(String(v))! : (v as number))
      present.push(i)
    }
  }
  let sorted = true
  for (let k = 1; k < present.length && sorted; k++) sorted = keys[present[k - 1]] <= keys[present[k]]
  if (!sorted) present.sort((i, j) => keys[i] - keys[j] || i - j)
  // Missing values keep their order, after every value.
  const order = missing.length === 0 ? present : present.concat(missing)
  return order.map((i) => runs[i])
}
