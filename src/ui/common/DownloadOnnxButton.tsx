import { useState } from 'react'
import type { OnnxOutcome } from '../../state/onnx-export'
import { downloadBytes } from './download'

/**
 * "Download ONNX": saves the model — feature preparation and model in one
 * ONNX graph — as `fileName`. A model the export refuses shows why (the step
 * or model that has no ONNX form) beside the button.
 */
export function DownloadOnnxButton({ fileName, label, make, className = 'ghost small' }: { fileName: string; label: string; make: () => Promise<OnnxOutcome>; className?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={label}
        disabled={busy}
        title="The model and its feature preparation as one ONNX file, for ONNX Runtime and other ONNX tools. Its inputs are the columns after cleaning."
        onClick={async () => {
          setBusy(true)
          setError(null)
          const outcome = await make()
          setBusy(false)
          if (outcome === null) return
          if ('error' in outcome) setError(outcome.error)
          else downloadBytes(fileName, outcome.bytes, 'application/octet-stream')
        }}
      >
        {busy ? 'Exporting…' : 'Download ONNX'}
      </button>
      {error && (
        <span role="alert" className="error-message small">
          {error}
        </span>
      )}
    </>
  )
}
