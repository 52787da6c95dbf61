/** Drift monitoring: one core implementation for the Monitor page, `npm run drift` and the model server. */
export { driftReport, driftReportJson, DRIFT_REPORT_FORMAT, DEFAULT_DRIFT_SHARE } from './report'
export type { DriftInputs, DriftReference } from './report'
export { columnDriftVsDataset, columnDriftVsReference } from './column-drift'
export { scoreDriftVsReference, scoreDriftVsDataset, predictionColumn, PREDICTION } from './score-drift'
export { OTHER } from './bins'
export { defaultTest, DEFAULT_DISTANCE_THRESHOLD, DEFAULT_P_THRESHOLD, SMALL_REFERENCE_ROWS } from './choose-test'
export * from './types'
