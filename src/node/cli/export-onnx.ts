/**
 * `npm run export -- --model <bundle.json> --format onnx --out model.onnx [--after-cleaning]`:
 * the bundle's row-level cleaning (where ONNX has an exact form), feature
 * pipeline and model as one ONNX graph (core/interop/onnx); with
 * --after-cleaning the graph starts after the cleaning. The bundle is loaded as every consumer loads it —
 * validated, migrated, its golden cases re-checked — before it is exported.
 */
import { writeFile } from 'node:fs/promises'
import { Predictor } from '../../core/bundle/predictor'
import { bundleToOnnx } from '../../core/interop/onnx/export'
import { requiredString, type OptionValues } from './args'
import { fileProblem, readJsonFile } from './read-input'
import { CliError, type CliIO } from './run-cli'

/** Writes the ONNX model for the options `values` (see export.ts's usage). */
export async function run(values: OptionValues, io: CliIO): Promise<void> {
  const path = requiredString(values, 'model')
  // Binary output: never to stdout.
  const out = requiredString(values, 'out')
  const { bundle } = Predictor.fromBundle(await readJsonFile(path, 'model bundle'))
  const afterCleaning = values['after-cleaning'] === true
  const { bytes, inputs, outputs, cleaningInGraph } = bundleToOnnx(bundle, { afterCleaning })
  try {
    await writeFile(out, bytes)
  } catch (error) {
    throw new CliError(`cannot write the ONNX model to "${out}": ${fileProblem(error)}`)
  }
  const numbers = inputs.filter((c) => c.type === 'float').length
  const steps = bundle.cleaning.steps.length
  const cleaning = steps === 0 ? '' : cleaningInGraph ? `; the graph runs the bundle's ${steps} cleaning step(s) on the raw inputs` : `; inputs are the columns after the bundle's ${steps} cleaning step(s), run them first`
  io.stderr(
    `export: wrote ${out} (${bytes.length.toLocaleString('en')} bytes): ${bundle.model.family} ${bundle.task} model as ONNX; ` +
      `inputs ${numbers} float32 and ${inputs.length - numbers} string column(s) [N, 1]; outputs ${outputs.join(', ')}${cleaning}\n`,
  )
}
