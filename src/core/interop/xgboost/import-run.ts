/**
 * An XGBoost model file imported on a loaded table as a finished studio run:
 * the bundle (importXGBoost), with the metrics and curves of the rows scored,
 * so the page lists, compares and registers it like any trained run. One core
 * function, so the page's worker and any other caller build the same run.
 */
import { StudioError } from '../../errors'
import { runRecordFromBundle } from '../../tracking/run-from-pipeline'
import type { RunRecord } from '../../tracking/run-schema'
import type { Table } from '../../types'
import { importXGBoost, PASS_THROUGH_PIPELINE } from './import-model'

/** A model file's text as JSON; a binary save (UBJSON, XGBoost 2.1+'s default for names not ending in .json) is named as such. */
export function parseXGBoostText(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new StudioError(
      'xgboost/not-json',
      `xgboost: "${fileName}" is not JSON; save the model with a .json file name (Booster.save_model("model.json")) — XGBoost 2.1 and later write binary UBJSON for other names`,
    )
  }
}

export interface ImportRunOptions {
  id: string
  fileName: string
  target: string | null
  dataset: { name: string; fingerprint: string }
  finishedAt?: Date
}

/** The finished run of an imported XGBoost model, evaluated on `table` when it has the target. */
export function xgboostImportRun(text: string, table: Table, options: ImportRunOptions): RunRecord {
  const result = importXGBoost(parseXGBoostText(text, options.fileName), table, { target: options.target ?? undefined, dataset: options.dataset })
  const { bundle, info, scored } = result
  const rows = result.scoredRows
  const run = runRecordFromBundle(bundle, {
    id: options.id,
    finishedAt: options.finishedAt ?? new Date(),
    target: bundle.target.name,
    features: result.features,
    params: { ...(bundle.model.params as Record<string, unknown>) },
    recipe: null,
    pipelineConfig: PASS_THROUGH_PIPELINE,
    tags: ['xgboost'],
    note:
      `Imported from ${options.fileName}: an XGBoost ${info.xgboostVersion} model (${info.objective}, ${info.trees} trees, ${info.featureCount} features), ` +
      (rows > 0 ? `evaluated on the ${rows} rows of ${options.dataset.name} with a target value.` : `not evaluated: ${options.dataset.name} was loaded without a target.`),
  })
  const importance = Array.from(info.importance, (value, j) => ({ name: result.features[j], value })).sort((a, b) => b.value - a.value)
  return {
    ...run,
    featureImportance: importance,
    iterations: info.rounds,
    ...(scored ? { confusion: scored.confusion, roc: scored.roc, pr: scored.pr, calibration: scored.calibration, residuals: scored.residuals } : {}),
  }
}
