import type { OnnxOutcome } from '../../state/onnx-export'
import { downloadBytes } from './download'
import { ExportFileButton } from './ExportFileButton'

/**
 * "Download ONNX": saves the model — feature preparation and model in one
 * ONNX graph — as `fileName`. A model the export refuses shows why (the step
 * or model that has no ONNX form) beside the button.
 */
export function DownloadOnnxButton({ fileName, label, make, className }: { fileName: string; label: string; make: () => Promise<OnnxOutcome>; className?: string }) {
  return (
    <ExportFileButton
      text="Download ONNX"
      label={label}
      className={className}
      title="The model and its feature preparation as one ONNX file, for ONNX Runtime and other ONNX tools. Its inputs are the columns after cleaning."
      make={async () => {
        const outcome = await make()
        if (outcome === null || 'error' in outcome) return outcome
        return { save: () => downloadBytes(fileName, outcome.bytes, 'application/octet-stream') }
      }}
    />
  )
}
