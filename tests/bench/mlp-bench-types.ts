/** What the engine bench asks the neural-net bench page for, and what it answers (mlp-page.ts ↔ mlp-bench.worker.ts). */

export interface PageFitRequest {
  /** Where the suite copied X_train.npy, y_train.npy, X_test.npy and y_test.npy, relative to the served root. */
  dataPath: string
  /** The estimator parameters the Node fit used. */
  params: Record<string, unknown>
  /** The tfjs backend to ask the app's selectTfjsBackend for. */
  backend: 'wasm' | 'cpu'
}

export interface PageFitResult {
  /** The backend that ran (selectTfjsBackend falls back to cpu when wasm cannot start). */
  backend: string
  /** model.fit alone: the backend was started and the data parsed before the clock started. */
  fitSeconds: number
  /** Fetching and parsing the .npy files (not part of fitSeconds). */
  loadSeconds: number
  epochs: number
  auc: number | null
  trainRows: number
  /** The fitted model's toJSON(), compared with the Node fit's. */
  model: unknown
}
