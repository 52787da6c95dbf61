/**
 * The experiment runner: every rule that turns settings into cross-validated,
 * compared and refitted models, shared by the page (stores over the worker
 * pool) and the CLI (in-process). See types.ts for the executor contract.
 */
export * from './types'
export { inProcessExecutor } from './in-process'
export { preflightFolds } from './preflight'
export { foldScheme, schemeSettingsProblem, DEFAULT_FOLDS, FOLDS_RANGE, REPEATS_RANGE, type SchemeKind, type SchemeSettings } from './scheme'
export { baseParams, leaderboardModels, planSearch, DEFAULT_TRIALS, SEARCH_METHODS, HALVING_ETA, type SearchMethod, type SearchPlan, type SearchSettings } from './candidates'
export { bestTrial, rankByMetric } from './ranking'
export { halvingShares, newTrials, runTrials, trialMethod, type BaseRequest, type ExperimentOutcome, type Trial, type TrialStatus, type TrialsOptions } from './trials'
export { bundleEvaluation, trainingRequest, type TrainingSettings } from './refit'
export { cvRecord, endedRun, finishedRun, leaderboardRun, searchRecord, startedRun, trialRun, type DatasetFacts } from './run-records'
export { thresholdMetricsOf } from './threshold'
