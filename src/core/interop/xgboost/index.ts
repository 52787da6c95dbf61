/**
 * XGBoost's JSON model format, both ways: importXGBoost reads a model trained
 * anywhere (Python, Spark, Dask) into a studio bundle; exportXGBoost writes a
 * studio tree model as a file XGBoost loads (export-model.ts).
 */
export { conditionToThreshold, thresholdToCondition } from './float32'
export { importXGBoost, studioModelFromXGBoost, PASS_THROUGH_PIPELINE, type ImportOptions, type ImportResult } from './import-model'
export { readXGBoostModel, type XGBoostModelInfo } from './read-model'
export { exportXGBoost, xgboostModelText } from './export-model'
export { parseXGBoostText, xgboostImportRun, type ImportRunOptions } from './import-run'
