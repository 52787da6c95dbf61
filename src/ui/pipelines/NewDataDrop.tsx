import { cancelPipelineRun, runOnNewData } from '../../state/pipelines-store'
import { FileDropZone } from '../common/FileDropZone'

/** "Run on new data": drop or pick a CSV, Parquet or Excel file; every stage re-runs on it in a worker. */
export function NewDataDrop({ name, running }: { name: string; running: boolean }) {
  return (
    <FileDropZone
      className="pipeline-drop"
      label={`Drop new data for ${name} here`}
      inputLabel={`New data file for ${name}`}
      disabled={running}
      onFile={(file) => void runOnNewData(name, file)}
    >
      {(choose) => (
        <>
          <p className="dropzone-title">Run on new data</p>
          <p className="muted">Drop a CSV, Parquet or Excel (.xlsx) file: every stage runs again on it, in this browser.</p>
          <div className="row">
            <button type="button" className="primary" onClick={choose} disabled={running}>
              Choose a file for {name}…
            </button>
            {running && (
              <button type="button" className="ghost" onClick={() => cancelPipelineRun(name)}>
                Cancel the run
              </button>
            )}
          </div>
        </>
      )}
    </FileDropZone>
  )
}
