import { useState } from 'react'

/**
 * What an export gives: a file to save, the reason it was refused (with
 * `fallback` when the button's fallback export can do it instead), or nothing
 * (the model could not be loaded; the page says so elsewhere).
 */
export type ExportOutcome = { save: () => void } | { error: string; fallback?: boolean } | null

interface ExportAction {
  text: string
  /** The accessible name. */
  label: string
  title: string
  make: () => Promise<ExportOutcome>
}

/**
 * A button that makes a file from a model and saves it (ONNX, XGBoost JSON):
 * busy while it works, and a refusal — the step or model with no such form —
 * shown beside it as an alert instead of a file. When the refusal says the
 * `fallback` export can do it, that export's button follows the message.
 */
export function ExportFileButton(props: ExportAction & { className?: string; fallback?: ExportAction }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; fallback: boolean } | null>(null)
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
          if ('error' in outcome) setError({ message: outcome.error, fallback: outcome.fallback === true })
          else outcome.save()
        }}
      >
        {busy ? 'Exporting…' : props.text}
      </button>
      {error && (
        <span role="alert" className="error-message small">
          {error.message}
        </span>
      )}
      {error?.fallback && props.fallback && <ExportFileButton {...props.fallback} className={props.className} />}
    </>
  )
}
