/**
 * The neural-net bench's Web Worker: the page's half of the Node/page
 * comparison. Starts tfjs with the app's own selectTfjsBackend
 * (workers/tfjs-backend.ts, the code the training worker runs), reads the
 * engine bench's cached matrices, fits the studio's MultilayerPerceptron on
 * them with the Node fit's parameters and scores the held-out rows.
 */
import { rocAuc } from '../../src/core/metrics/classification'
import { familyInfo } from '../../src/core/model/registry'
import type { Matrix } from '../../src/core/types'
import { selectTfjsBackend } from '../../workers/tfjs-backend'
import { parseNpy } from './drift-data'
import type { PageFitRequest, PageFitResult } from './mlp-bench-types'

async function matrix(path: string): Promise<Matrix> {
  const response = await fetch(path)
  if (!response.ok) throw new Error(`mlp bench: ${path} answered ${response.status}`)
  const { shape, data } = parseNpy(new Uint8Array(await response.arrayBuffer()))
  return { rows: shape[0], cols: shape[1] ?? 1, data }
}

async function fit(request: PageFitRequest): Promise<PageFitResult> {
  const backend = await selectTfjsBackend(request.backend)
  const loadStarted = performance.now()
  const [X, y, XTest, yTest] = await Promise.all(['X_train', 'y_train', 'X_test', 'y_test'].map((name) => matrix(`${request.dataPath}/${name}.npy`)))
  const loadSeconds = (performance.now() - loadStarted) / 1000
  const model = familyInfo('mlp').create(request.params)
  const started = performance.now()
  const report = await model.fit(X, y.data, { task: 'binary', classCount: 2 })
  const fitSeconds = (performance.now() - started) / 1000
  const proba = model.predictProba(XTest)
  const score = Float64Array.from({ length: XTest.rows }, (_, i) => proba[i * 2 + 1])
  return { backend: report.backend ?? backend, fitSeconds, loadSeconds, epochs: report.iterations, auc: rocAuc(yTest.data, score), trainRows: X.rows, model: model.toJSON() }
}

self.addEventListener('message', async (event: MessageEvent<PageFitRequest>) => {
  try {
    self.postMessage(await fit(event.data))
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) })
  }
})
