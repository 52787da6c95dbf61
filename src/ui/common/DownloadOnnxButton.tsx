import type { OnnxOutcome } from '../../state/onnx-export'
import { downloadBytes } from './download'
import { ExportFileButton, type ExportOutcome } from './ExportFileButton'

/**
 * "Download ONNX": saves the model — its row-level cleaning where ONNX can do
 * it exactly, feature preparation and model in one ONNX graph — as
 * `fileName`. A model the export refuses shows why (the step or model that
 * has no ONNX form) beside the button; when the reason is a cleaning step, a
 * second button offers the graph that starts after cleaning, whose inputs
 * must be cleaned first (e.g. with the Clean page's SQL).
 */
export function DownloadOnnxButton({ fileName, label, make, className }: { fileName: string; label: string; make: (afterCleaning: boolean) => Promise<OnnxOutcome>; className?: string }) {
  const save = (afterCleaning: boolean) => async (): Promise<ExportOutcome> => {
    const outcome = await make(afterCleaning)
    if (outcome === null) return null
    if ('error' in outcome) return { error: outcome.error, fallback: outcome.afterCleaningPossible === true }
    return { save: () => downloadBytes(fileName, outcome.bytes, 'application/octet-stream') }
  }
  return (
    <ExportFileButton
      text="Download ONNX"
      label={label}
      className={className}
      title="The model, its feature preparation and its cleaning steps as one ONNX file, for ONNX Runtime and other ONNX tools. Its inputs are the raw columns."
      make={save(false)}
      fallback={{
        text: 'Download ONNX for cleaned inputs',
        label: `${label} for cleaned inputs`,
        title: 'The ONNX graph that starts after the cleaning steps: clean its inputs first, for example with the SQL from the Clean page.',
        make: save(true),
      }}
    />
  )
}
