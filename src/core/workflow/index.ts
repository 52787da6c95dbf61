/**
 * Saved pipelines re-run on new data (issue 12): the spec, the stage runner,
 * champion/challenger promotion and the registry directory's rules. The page
 * runs them over IndexedDB, `npm run pipeline` over a registry directory,
 * both through RegistryPort.
 */
export * from './types'
export { parsePipelineSpec } from './spec'
export { runPipeline, type RunDeps } from './run-pipeline'
export { decidePromotion, type PromotionInput } from './decide'
export { bundlePath, modelSlug, planRegister, planTransition, readRegistryFile, registryPath, REGISTRY_FILE, type FileWrite } from './registry-dir'
