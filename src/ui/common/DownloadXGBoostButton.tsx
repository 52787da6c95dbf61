import { useState } from 'react'
import type { ModelBundle } from '../../core/bundle/bundle'
import { xgboostFile } from '../../state/xgboost'
import { downloadText, safeFileName } from './download'

/**
 * "Download XGBoost JSON": the model as XGBoost's own model file (over the
 * prepared feature columns), to load with xgboost.Booster().load_model. A
 * model without trees gets the reason instead of a file.
 */
export function DownloadXGBoostButton({ bundle, fileBase, label, className = 'ghost small' }: { bundle: () => Promise<ModelBundle | null>; fileBase: string; label: string; className?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={label}
        disabled={busy}
        title="XGBoost's JSON model file, over the prepared feature columns: load it in Python, Spark or Dask with xgboost.Booster().load_model()."
        onClick={async () => {
          setBusy(true)
          setError(null)
          const loaded = await bundle()
          setBusy(false)
          if (!loaded) return
          const file = xgboostFile(loaded)
          if ('error' in file) setError(file.error)
          else downloadText(`${safeFileName(fileBase)}.xgboost.json`, file.text)
        }}
      >
        Download XGBoost JSON
      </button>
      {error && (
        <span role="alert" className="hint error-message">
          {error}
        </span>
      )}
    </>
  )
}
