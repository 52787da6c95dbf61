import type { ModelBundle } from '../../core/bundle/bundle'
import { xgboostFile } from '../../state/xgboost'
import { downloadText, safeFileName } from './download'
import { ExportFileButton } from './ExportFileButton'

/**
 * "Download XGBoost JSON": the model as XGBoost's own model file (over the
 * prepared feature columns), to load with xgboost.Booster().load_model. A
 * model without trees gets the reason instead of a file.
 */
export function DownloadXGBoostButton({ bundle, fileBase, label, className }: { bundle: () => Promise<ModelBundle | null>; fileBase: string; label: string; className?: string }) {
  return (
    <ExportFileButton
      text="Download XGBoost JSON"
      label={label}
      className={className}
      title="XGBoost's JSON model file, over the prepared feature columns: load it in Python, Spark or Dask with xgboost.Booster().load_model()."
      make={async () => {
        const loaded = await bundle()
        if (!loaded) return null
        const file = xgboostFile(loaded)
        if ('error' in file) return file
        return { save: () => downloadText(`${safeFileName(fileBase)}.xgboost.json`, file.text) }
      }}
    />
  )
}
