/**
 * `npm run train -- --data <file> --target <column> --model <name> --out <bundle.json>`:
 * trains a model headlessly with the same core code the page's workers run
 * and prints one JSON summary (held-out metrics) on stdout. With --folds it
 * also cross-validates, and with --search it picks the parameters by
 * cross-validation before refitting them on every non-test row.
 */
import { stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { applyRecipe } from '../../core/clean/apply-recipe'
import { parseRecipe } from '../../core/clean/parse-recipe'
import { proposeRecipe } from '../../core/clean/propose-recipe'
import { decimalCommaColumns } from '../../core/clean/source-schema'
import type { CleaningRecipe } from '../../core/clean/types'
import { profileTable } from '../../core/table/profile/profile'
import { fingerprintTable } from '../../core/table/fingerprint'
import { DEFAULT_PIPELINE_CONFIG } from '../../core/pipeline/config'
import { baseParams, inProcessExecutor, trainingRequest } from '../../core/experiment'
import type { Task } from '../../core/types'
import { jsonObjectOption, numberOption, optionalString, parseOptions, requiredString } from './args'
import { summaryMetricNames } from './cv-report'
import { EVAL_OPTIONS, metricForTask, readEvalOptions } from './eval-options'
import { chooseColumns, taskOption } from './features'
import { CLI_MODELS, describeTask, requireTask, resolveModel } from './model-names'
import { tenthsReporter } from './progress'
import { describeSource, fileProblem, readJsonFile, readOptions, readTableFile, SHEET_OPTION } from './read-input'
import { CliError, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'
import { searchCandidates } from './search-candidates'
import { evaluateForTraining, type TrainEvaluation } from './train-eval'
import { defaultThreads, useThreads } from '../threads/histogram-threads'
import { useNodeTfjsBackend } from '../tfjs-backend'

const USAGE = `usage: npm run train -- --data <file.csv|file.parquet|file.xlsx> [--sheet <name>] --target <column> --model <${Object.keys(CLI_MODELS).join('|')}>
                      [--params '<json>'] [--test-size 0.2] [--seed 42] [--task binary|multiclass|regression] --out <bundle.json>
                      [--recipe <cleaning-recipe.json>|auto]
                      [--folds <k>] [--group <column>] [--metric <name>]
                      [--search grid|random|halving] [--trials 8] [--space '<json>'] [--threads <n>]
Prints one JSON object (model, task, rows, features, fitSeconds, held-out metrics) on stdout; progress goes to stderr.
--sheet picks the sheet of an Excel workbook (default: the first with data).
--recipe applies a cleaning recipe (as the Clean page exports it) before training; its row-level steps go into
  the bundle and are replayed on every record the model scores. --recipe auto applies the recipe the Clean page
  proposes for this file and target (impossible values, spellings, blanks, numbers written as text); its steps are
  listed on stderr and the summary's "recipe" field.
--folds k cross-validates on the non-test rows (stratified for classification, plain k-fold for regression;
  --group <column> keeps each group's rows in one fold) and adds "cv": {folds, metrics: {<name>: {mean, std}}}.
--search tries parameter sets by cross-validation (5 folds unless --folds), chosen by --metric (default auc,
  or rmse for regression), and adds "search": {trials, best: {params, score}}; the model written is the best
  parameters refitted on every non-test row. --space defaults to the model's own, e.g.
  '{"C": {"type": "float", "min": 0.001, "max": 100, "log": true}, "penalty": {"type": "choice", "values": ["l2", "l1"]}}';
  parameters outside the space keep their --params or default values.
--threads n: threads gradient boosting and decision trees build histograms on (default: every core). The model
  is the same, bit for bit, on any number of threads; only the time changes.
`

const OPTIONS = {
  data: { type: 'string' },
  ...SHEET_OPTION,
  target: { type: 'string' },
  model: { type: 'string' },
  params: { type: 'string' },
  'test-size': { type: 'string' },
  seed: { type: 'string' },
  task: { type: 'string' },
  out: { type: 'string' },
  recipe: { type: 'string' },
  threads: { type: 'string' },
  ...EVAL_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const

/** What `train` prints on stdout. */
export interface TrainSummary {
  model: string
  task: Task
  /** Rows in the data file. */
  rows: number
  /** Input columns the model learned from, in table order. */
  features: string[]
  fitSeconds: number
  /** Neural net only: the tfjs backend it trained on (wasm; cpu with STUDIO_TFJS_BACKEND=cpu or when wasm cannot start). */
  backend?: string
  /** Held-out metrics: accuracy, auc, f1, logLoss (classification) or rmse, mae, r2 (regression). */
  metrics: Record<string, number | null>
  /** With --folds or --search: the cross-validation of the final model's parameters (the chosen metric first). */
  cv?: TrainEvaluation['cv']
  /** With --search: how many candidates were tried and the best, by the chosen metric's mean over folds. */
  search?: NonNullable<TrainEvaluation['search']>
  /** With --recipe: the cleaning applied — its steps (kind and reason) and the rows kept. */
  recipe?: { source: 'file' | 'auto'; steps: { id: string; kind: string; reason?: string }[]; rowsKept: number }
}

/** Runs the train command with `argv` (arguments after the script); resolves to the exit code. */
export function trainMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('train', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const dataPath = requiredString(values, 'data')
    const read = readOptions(values)
    const target = requiredString(values, 'target')
    const modelName = requiredString(values, 'model')
    const out = requiredString(values, 'out')
    const params = jsonObjectOption(values, 'params')
    const testShare = numberOption(values, 'test-size', 0.2, { min: 0, max: 1, exclusive: true })
    const seed = numberOption(values, 'seed', 42, { min: 0, max: 2 ** 31 - 1, integer: true })
    const task = taskOption(optionalString(values, 'task'))
    const threads = numberOption(values, 'threads', defaultThreads(), { min: 1, max: 256, integer: true })
    const evaluation = readEvalOptions(values)
    const family = resolveModel(modelName)
    // As the page does: the family's defaults, then the user's choices. Creating
    // the estimator validates them now rather than after reading a large file.
    const modelParams = baseParams(family, params)
    family.create(modelParams)
    // The search space needs no data: its problems surface before the file is read.
    const plan = evaluation.search ? searchCandidates(family, modelParams, evaluation.search, seed) : null
    const recipePath = optionalString(values, 'recipe')
    const autoRecipe = recipePath === 'auto'
    let recipe: CleaningRecipe | null = recipePath === undefined || autoRecipe ? null : parseRecipe(await readJsonFile(recipePath, 'cleaning recipe'))
    // Fail before a long fit, not after it, when the bundle cannot be written.
    await requireDirectory(dirname(out))

    const compute = await useThreads(threads)
    if (compute.note) io.stderr(`train: ${compute.note}\n`)
    const loaded = await readTableFile(dataPath, read)
    const raw = loaded.table
    io.stderr(`train: read ${describeSource(loaded)}: ${raw.rowCount} rows × ${raw.columns.length} columns\n`)
    if (autoRecipe) {
      // What the Clean page proposes for this file: the same core function over the same profile.
      recipe = proposeRecipe(raw, profileTable(raw), target, decimalCommaColumns(loaded.findings))
      io.stderr(`train: proposed recipe: ${recipe.steps.length === 0 ? 'nothing to clean' : recipe.steps.map((s) => s.kind).join(', ')}\n`)
      if (recipe.steps.length === 0) recipe = null
    }
    // Columns are chosen and folds cut on the cleaned table; runTraining applies the same recipe to the raw table itself, so the bundle replays it.
    const table = recipe ? { ...(await applyRecipe(raw, recipe, { textEngine: 'core' })).table, name: raw.name } : raw
    if (recipe) io.stderr(`train: cleaned with ${recipe.steps.length} recipe step(s): ${table.rowCount} rows × ${table.columns.length} columns\n`)
    const choice = chooseColumns(table, target, task)
    requireTask(family, modelName, choice.task)
    const excluded = choice.excluded.map((c) => `${c.name} (${c.kind})`).join(', ')
    io.stderr(`train: target "${choice.target}" (${describeTask(choice.task)}), ${choice.features.length} features${excluded ? `; left out ${excluded}` : ''}\n`)
    const spec = { target: choice.target, task: choice.task, features: choice.features, family, params: modelParams, pipeline: DEFAULT_PIPELINE_CONFIG, seed, testShare }
    // Core's runner does the work in this process, on the cleaned table (cross-validation) and the table as read (training with the recipe).
    const executor = inProcessExecutor({ cleaned: table, raw })
    const evaluated =
      evaluation.folds === null ? null : await evaluateForTraining(table, executor, spec, { ...evaluation, folds: evaluation.folds }, metricForTask(evaluation.metric, choice.task), plan, io)
    io.stderr(`train: fitting ${family.label}${evaluated ? ' on every non-test row' : ''}…\n`)

    const request = trainingRequest({ ...spec, family: family.id, params: evaluated?.params ?? modelParams, recipe, cvSummary: evaluated?.summary })
    const result = await executor.run(
      { kind: 'train', request, dataset: { name: table.name, fingerprint: fingerprintTable(table) } },
      { onProgress: tenthsReporter('train', io) },
    )
    try {
      await writeFile(out, JSON.stringify(result.bundle, null, 2) + '\n')
    } catch (error) {
      throw new CliError(`cannot write the bundle to "${out}": ${fileProblem(error)}`)
    }
    const summary: TrainSummary = {
      model: modelName,
      task: choice.task,
      rows: raw.rowCount,
      features: choice.features,
      fitSeconds: result.timings.modelFitMs / 1000,
      ...(result.backend !== 'js' && { backend: result.backend }),
      metrics: pick(result.metrics, summaryMetricNames(choice.task)),
      ...(evaluated && { cv: evaluated.cv }),
      ...(evaluated?.search && { search: evaluated.search }),
      ...((recipe || autoRecipe) && {
        recipe: { source: autoRecipe ? ('auto' as const) : ('file' as const), steps: (recipe?.steps ?? []).map((s) => ({ id: s.id, kind: s.kind, ...(s.reason ? { reason: s.reason } : {}) })), rowsKept: table.rowCount },
      }),
    }
    io.stdout(JSON.stringify(summary) + '\n')
    io.stderr(`train: wrote ${out} (${result.bundle.training.trainRows} training rows, ${result.bundle.training.testRows} held out)\n`)
  })
}

async function requireDirectory(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return
  } catch (error) {
    throw new CliError(`cannot write the bundle into "${dir}": ${fileProblem(error)}`)
  }
  throw new CliError(`cannot write the bundle into "${dir}": it is not a directory`)
}

function pick(metrics: Record<string, number | null>, names: string[]): Record<string, number | null> {
  return Object.fromEntries(names.map((name) => [name, metrics[name] ?? null]))
}

// A neural net fitted by this command trains on tfjs' wasm backend, as in the page (STUDIO_TFJS_BACKEND=cpu for the pure-JS one).
if (isEntryPoint(import.meta.url)) await runAsScript(trainMain, useNodeTfjsBackend)
