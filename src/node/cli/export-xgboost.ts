/**
 * `npm run export -- --model <bundle.json> --format xgboost --out model.json`:
 * a studio bundle's tree model as XGBoost's JSON model format (core's
 * exportXGBoost), over the pipeline's output columns. A model without trees is
 * refused with core's message.
 */
import { writeFile } from 'node:fs/promises'
import { parseBundle } from '../../core/bundle/bundle'
import { exportXGBoost, xgboostModelText } from '../../core/interop/xgboost'
import { requiredString, type OptionValues } from './args'
import { fileProblem, readJsonFile } from './read-input'
import { CliError, type CliIO } from './run-cli'

export async function run(values: OptionValues, io: CliIO): Promise<void> {
  const bundlePath = requiredString(values, 'model')
  const out = requiredString(values, 'out')
  const bundle = parseBundle(await readJsonFile(bundlePath, 'model bundle'))
  const model = exportXGBoost(bundle)
  try {
    await writeFile(out, xgboostModelText(model))
  } catch (error) {
    throw new CliError(`cannot write the XGBoost model to "${out}": ${fileProblem(error)}`)
  }
  const { learner } = model
  io.stderr(
    `export: wrote ${out}: XGBoost JSON (${learner.objective.name}, ${learner.gradient_booster.model.trees.length} trees, ${learner.feature_names.length} features: the pipeline's output columns) from a ${bundle.model.family} model; load it with xgboost.Booster().load_model("${out}")\n`,
  )
}
