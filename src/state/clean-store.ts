import { create } from 'zustand'
import { decimalCommaColumns, sourceSchema } from '../core/clean/source-schema'
import { RECIPE_FORMAT, recipeVersion, type CleaningRecipe, type CleaningStep, type StepReport } from '../core/clean/types'
import type { DatasetView } from '../core/dataset'
import * as dataClient from '../services/data-client'
import { DATASET_SCHEMA_VERSION, getDataset, saveDataset } from '../services/storage/datasets'
import { messageOf, onDatasetLoaded, showCleanedView, useDataStore } from './data-store'

interface CleanStore {
  /** The recipe being edited and applied; empty steps = no cleaning. */
  steps: CleaningStep[]
  /** Suggested steps not yet added to the recipe. */
  suggestions: CleaningStep[]
  reports: StepReport[]
  cleanMs: number | null
  applying: boolean
  error: string | null
  /** Set when the recipe was restored from an earlier session for this dataset. */
  notice: string | null
}

export const useCleanStore = create<CleanStore>(() => ({
  steps: [],
  suggestions: [],
  reports: [],
  cleanMs: null,
  applying: false,
  error: null,
  notice: null,
}))

/**
 * The recipe document for the current steps, with the loaded file's source
 * schema (how the reader typed each column), which the SQL export needs.
 */
export function currentRecipe(): CleaningRecipe | null {
  const { originalView } = useDataStore.getState()
  const { steps } = useCleanStore.getState()
  if (!originalView || steps.length === 0) return null
  const schema = sourceSchema(originalView.profile.columns.map((c) => ({ name: c.name, type: c.storage })), decimalCommaColumns(originalView.readerFindings))
  return { format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns: originalView.columnNames, sourceSchema: schema, steps }
}

let applyTimer: ReturnType<typeof setTimeout> | null = null
let applyGeneration = 0

/** Re-applies the recipe shortly after the last edit, so typing in a field does not re-run it per key. */
function scheduleApply(delay = 250): void {
  if (applyTimer) clearTimeout(applyTimer)
  applyTimer = setTimeout(() => void applyNow(), delay)
}

/**
 * Applies the recipe to the original data in the data worker. All or nothing:
 * when a step fails the error names it and the data shown stays as it was.
 */
export async function applyNow(): Promise<boolean> {
  const generation = ++applyGeneration
  useCleanStore.setState({ applying: true })
  try {
    const result = await dataClient.applyRecipe(currentRecipe())
    if (generation !== applyGeneration) return false
    useCleanStore.setState({ applying: false, error: null, reports: result.reports, cleanMs: result.cleanMs })
    await showCleanedView(result.view)
    await persistRecipe()
    return true
  } catch (error) {
    if (generation === applyGeneration) useCleanStore.setState({ applying: false, error: messageOf(error) })
    return false
  }
}

function setSteps(steps: CleaningStep[]): void {
  useCleanStore.setState({ steps, notice: null })
  scheduleApply()
}

export function addStep(step: CleaningStep): void {
  const { steps, suggestions } = useCleanStore.getState()
  useCleanStore.setState({ suggestions: suggestions.filter((s) => s.id !== step.id) })
  setSteps([...steps, step])
}

export function addAllSuggestions(): void {
  const { steps, suggestions } = useCleanStore.getState()
  useCleanStore.setState({ suggestions: [] })
  setSteps([...steps, ...suggestions])
}

export function dismissSuggestion(id: string): void {
  useCleanStore.setState((s) => ({ suggestions: s.suggestions.filter((x) => x.id !== id) }))
}

export function updateStep(id: string, step: CleaningStep): void {
  setSteps(useCleanStore.getState().steps.map((s) => (s.id === id ? step : s)))
}

export function removeStep(id: string): void {
  setSteps(useCleanStore.getState().steps.filter((s) => s.id !== id))
}

export function moveStep(id: string, delta: -1 | 1): void {
  const steps = [...useCleanStore.getState().steps]
  const i = steps.findIndex((s) => s.id === id)
  const j = i + delta
  if (i < 0 || j < 0 || j >= steps.length) return
  ;[steps[i], steps[j]] = [steps[j], steps[i]]
  setSteps(steps)
}

export function clearRecipe(): void {
  setSteps([])
}

/** Asks the data worker what it would clean; steps already in the recipe are not suggested again. */
export async function refreshSuggestions(): Promise<void> {
  try {
    const proposal = await dataClient.proposeRecipe(useDataStore.getState().target)
    const have = new Set(useCleanStore.getState().steps.map((s) => s.id))
    useCleanStore.setState({ suggestions: proposal.steps.filter((s) => !have.has(s.id)), error: null })
  } catch (error) {
    useCleanStore.setState({ error: messageOf(error) })
  }
}

/** Replaces the recipe with one read from a file; a recipe that does not fit is refused with the reason. */
export async function importRecipe(text: string): Promise<boolean> {
  try {
    const recipe = await dataClient.checkRecipeText(text)
    useCleanStore.setState({ steps: recipe.steps, notice: `Imported a recipe of ${recipe.steps.length} step(s).`, error: null })
    return await applyNow()
  } catch (error) {
    useCleanStore.setState({ error: messageOf(error) })
    return false
  }
}

async function persistRecipe(): Promise<void> {
  const { originalView, target } = useDataStore.getState()
  if (!originalView) return
  try {
    await saveDataset({
      schemaVersion: DATASET_SCHEMA_VERSION,
      fingerprint: originalView.fingerprint,
      name: originalView.name,
      columns: originalView.columnNames,
      recipe: currentRecipe(),
      target,
      updatedAt: new Date().toISOString(),
    })
  } catch (error) {
    useCleanStore.setState({ error: `The recipe could not be saved: ${messageOf(error)}` })
  }
}

/** On every new dataset: reset cleaning, restore a recipe saved for the same data, refresh suggestions. */
async function onLoaded(view: DatasetView): Promise<void> {
  applyGeneration++
  useCleanStore.setState({ steps: [], suggestions: [], reports: [], cleanMs: null, error: null, notice: null, applying: false })
  try {
    const saved = await getDataset(view.fingerprint)
    if (saved?.recipe && saved.recipe.steps.length > 0) {
      useCleanStore.setState({ steps: saved.recipe.steps, notice: `Restored the cleaning recipe you used on this data before (${saved.recipe.steps.length} step(s)).` })
      await applyNow()
    }
  } catch {
    // Storage unavailable: start without a saved recipe.
  }
  await refreshSuggestions()
}

onDatasetLoaded(onLoaded)

/** Downloads the cleaned data. */
export async function cleanedBytes(format: 'csv' | 'parquet'): Promise<Uint8Array> {
  return dataClient.exportCurrent(format)
}
