import { parseBundle, type ModelBundleV2 } from '../bundle/bundle'
import { Predictor } from '../bundle/predictor'
import { errorCode, errorText, StudioError } from '../errors'
import { takeRows } from '../table/access'
import type { TrainingResult } from '../train/run-training'
import type { Table } from '../types'
import { userMessage } from '../user-message'
import { commonRows, metricOnRows, predictTestRows, type TestRows } from './champion'
import { metricLabel } from './decide'
import type { PipelineSpec, RegistryPort } from './types'
import { count } from './wording'

/* The evaluate stage: the challenger's golden cases, then challenger and Production scored on the same locked test rows. */

/** What the promote stage decides on. */
export interface Scores {
  challenger: number
  champion: { version: number; value: number } | null
  goldenPassed: boolean
}

/**
 * Scores the challenger and the Production version (if any) through core's
 * Predictor on the same locked test rows of the new data, as raw records;
 * rows either model refuses are left out of both scores (and counted).
 */
export async function evaluate(spec: PipelineSpec, raw: Table, trained: TrainingResult, registry: RegistryPort, say: (message: string) => void): Promise<{ scores: Scores; rowsScored: number }> {
  const bundle: ModelBundleV2 = trained.bundle
  let goldenPassed = true
  let challenger: Predictor
  try {
    challenger = Predictor.fromBundle(bundle)
    say(`The new model's ${count(bundle.golden.length, 'golden case')} reproduce.`)
  } catch (error) {
    if (errorCode(error) !== 'bundle-golden') throw error
    goldenPassed = false
    challenger = Predictor.unchecked(parseBundle(bundle))
    say(userMessage(error))
  }
  const rows: TestRows = { raw: takeRows(raw, trained.heldOut.sourceRows), y: trained.heldOut.y, labels: bundle.target.labels, task: spec.task }
  const production = await registry.production(spec.registry.modelName)
  const champion = production && { version: production.version, predictor: loadChampion(production) }
  const outputs = [predictTestRows(challenger, rows, 'the new model')]
  if (champion) outputs.push(predictTestRows(champion.predictor, rows, `Production version ${champion.version}`))
  const keep = commonRows(outputs, rows.raw.rowCount)
  if (keep.length === 0) throw new StudioError('pipeline-no-test-rows', `evaluate: no locked test row could be answered by ${champion ? 'both models' : 'the new model'}; nothing to compare`)
  const left = rows.raw.rowCount - keep.length
  const metric = spec.promotion.metric
  const value = (i: number, who: string): number => {
    const v = metricOnRows(outputs[i], rows, keep, metric)
    if (v === null) throw new StudioError('pipeline-metric-undefined', `evaluate: ${metricLabel(metric)} of ${who} is undefined on the ${keep.length} test rows (e.g. only one class among them); choose another metric or more data`)
    return v
  }
  const challengerValue = value(0, 'the new model')
  say(`New model: ${metricLabel(metric)} ${challengerValue.toFixed(4)} on ${count(keep.length, 'locked test row')}.`)
  let championScore: Scores['champion'] = null
  if (champion) {
    championScore = { version: champion.version, value: value(1, `Production version ${champion.version}`) }
    say(`Production version ${champion.version}: ${metricLabel(metric)} ${championScore.value.toFixed(4)} on the same rows.`)
  } else {
    say(`"${spec.registry.modelName}" has no version in Production yet.`)
  }
  if (left > 0) say(`${count(left, 'test row')} refused by a model's validation rules ${left === 1 ? 'was' : 'were'} left out of both scores.`)
  return { scores: { challenger: challengerValue, champion: championScore, goldenPassed }, rowsScored: keep.length }
}

function loadChampion(production: { version: number; bundle: unknown }): Predictor {
  try {
    return Predictor.fromBundle(production.bundle)
  } catch (error) {
    throw new StudioError('pipeline-champion-invalid', `evaluate: Production version ${production.version} cannot be loaded to compare with (${errorText(error)}); fix or archive it first`)
  }
}
