/**
 * `npm run compare -- --data <file> --target <column> [--folds 5] [--metric <name>] [--seed 42]`:
 * the page's leaderboard, headless. Every registered family that can do the
 * task is cross-validated with its default parameters on the same folds, and
 * one JSON array, best first by the metric, is printed on stdout.
 */
import { inProcessExecutor, leaderboardModels, newTrials, rankByMetric, runTrials } from '../../core/experiment'
import { DEFAULT_PIPELINE_CONFIG } from '../../core/pipeline/config'
import { numberOption, optionalString, parseOptions, requiredString } from './args'
import { betterDirection, describeScore, meanStd, reportedMetricNames, type MeanStd } from './cv-report'
import { DEFAULT_SEARCH_FOLDS, FOLDS_RANGE, metricForTask, readMetricName } from './eval-options'
import { chooseColumns, taskOption } from './features'
import { cliFoldScheme } from './folds-plan'
import { cliModelName, describeTask } from './model-names'
import { describeSource, readOptions, readTableFile, SHEET_OPTION } from './read-input'
import { CliError, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'
import { defaultThreads, useThreads } from '../threads/histogram-threads'
import { useNodeTfjsBackend } from '../tfjs-backend'

const USAGE = `usage: npm run compare -- --data <file.csv|file.parquet|file.xlsx> [--sheet <name>] --target <column>
                        [--folds 5] [--metric <name>] [--seed 42] [--task binary|multiclass|regression] [--group <column>]
Cross-validates every model that can do the task with its default parameters on the same folds (stratified for
classification, plain k-fold for regression, group k-fold with --group) and prints one JSON array on stdout, best
first by --metric (default auc, or rmse for regression): [{"model", "metrics": {<name>: {mean, std}}, "fitSeconds"}].
A model that fails gets "error" and ranks last. Progress goes to stderr. --sheet picks the sheet of an Excel workbook.
`

const OPTIONS = {
  data: { type: 'string' },
  ...SHEET_OPTION,
  target: { type: 'string' },
  folds: { type: 'string' },
  metric: { type: 'string' },
  seed: { type: 'string' },
  task: { type: 'string' },
  group: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** One row of compare's output. */
export interface CompareEntry {
  /** CLI model name (logreg, tree, forest, gbdt, mlp, linreg). */
  model: string
  /** The ranking metric first, then the usual ones for the task, each as mean and std over folds. */
  metrics: Record<string, MeanStd>
  /** Seconds the whole cross-validation of this model took; null when it failed. */
  fitSeconds: number | null
  /** Why the model failed, when it did (the others are still compared). */
  error?: string
}

/** Runs the compare command with `argv` (arguments after the script); resolves to the exit code. */
export function compareMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('compare', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const dataPath = requiredString(values, 'data')
    const read = readOptions(values)
    const target = requiredString(values, 'target')
    const k = numberOption(values, 'folds', DEFAULT_SEARCH_FOLDS, FOLDS_RANGE)
    const seed = numberOption(values, 'seed', 42, { min: 0, max: 2 ** 31 - 1, integer: true })
    const metricName = readMetricName(values)
    const task = taskOption(optionalString(values, 'task'))
    const group = optionalString(values, 'group') ?? null
    // Tree fits use every core (the same models as on one thread; see src/node/threads).
    const compute = await useThreads(defaultThreads())
    if (compute.note) io.stderr(`compare: ${compute.note}\n`)

    const loaded = await readTableFile(dataPath, read)
    const { table } = loaded
    io.stderr(`compare: read ${describeSource(loaded)}: ${table.rowCount} rows × ${table.columns.length} columns\n`)
    const choice = chooseColumns(table, target, task)
    const metric = metricForTask(metricName, choice.task)
    const models = leaderboardModels(choice.task)
    if (models.length === 0) throw new CliError(`no model in this build can do ${describeTask(choice.task)}`)
    const scheme = cliFoldScheme(table, { k, group, target: choice.target, task: choice.task, seed })
    // Every model uses the same scheme and seed, so the same folds: the runner checks them once, before any fit.
    const base = { target: choice.target, task: choice.task, features: choice.features, pipeline: DEFAULT_PIPELINE_CONFIG, seed, scheme, testShare: 0 }
    const names = reportedMetricNames(choice.task, metric)
    const trials = newTrials(models)
    const outcome = await runTrials(trials, {
      executor: inProcessExecutor({ cleaned: table }),
      base,
      metric,
      method: 'all',
      onReady: () =>
        io.stderr(`compare: target "${choice.target}" (${describeTask(choice.task)}), ${choice.features.length} features; ${models.length} models × ${k} folds, ranked by ${metric} (${betterDirection(metric)} is better)\n`),
      onTrial: (id, change) => {
        const t = trials[id - 1]
        const model = cliModelName(t.family)
        if (change.status === 'done') io.stderr(`compare: ${id}/${models.length} ${model}: ${describeScore(metric, t.summary ?? {})} in ${(t.fitSeconds ?? 0).toFixed(1)} s\n`)
        if (change.status === 'failed') io.stderr(`compare: ${id}/${models.length} ${model} failed: ${t.error}\n`)
      },
    })
    const entries: CompareEntry[] = outcome.trials.map((t) =>
      t.status === 'done' && t.summary
        ? { model: cliModelName(t.family), metrics: meanStd(t.summary, names), fitSeconds: t.fitSeconds }
        : { model: cliModelName(t.family), metrics: meanStd({}, names), fitSeconds: null, error: t.error ?? 'not run' },
    )
    if (entries.every((e) => e.error !== undefined)) throw new CliError(`every model failed; the first: ${entries[0].error}`)
    io.stdout(JSON.stringify(rankByMetric(entries, metric, (e) => e.metrics[metric].mean)) + '\n')
  })
}

// A neural net fitted by this command trains on tfjs' wasm backend, as in the page (STUDIO_TFJS_BACKEND=cpu for the pure-JS one).
if (isEntryPoint(import.meta.url)) await runAsScript(compareMain, useNodeTfjsBackend)
