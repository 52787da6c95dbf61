import { useState } from 'react'

/** What an export gives: a file to save, the reason it was refused, or nothing (the model could not be loaded; the page says so elsewhere). */
export type ExportOutcome = { save: () => void } | { error: string } | null

/**
 * A button that makes a file from a model and saves it (ONNX, XGBoost JSON):
 * busy while it works, and a refusal — the step or model with no such form —
 * shown beside it as an alert instead of a file.
 */
export function ExportFileButton(props: { text: string; label: string; title: string; make: () => Promise<ExportOutcome>; className?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'ghost small'}
        aria-label={props.label}
        disabled={busy}
        title={props.title}
        onClick={async () => {
          setBusy(true)
          setError(null)
          const outcome = await props.make().finally(() => setBusy(false))
          if (outcome === null) return
          if ('error' in outcome) setError(outcome.error)
          else outcome.save()
        }}
      >
        {busy ? 'Exporting…' : props.text}
      </button>
      {error && (
        <span role="alert" className="error-message small">
          {error}
        </span>
      )}
    </>
  )
}
