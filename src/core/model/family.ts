import type { Model, ModelJSON } from './estimator'

/** How the page offers one parameter; the estimator's constructor is the authority on ranges. */
export interface ParamSpec {
  name: string
  label: string
  help: string
  type: 'number' | 'integer' | 'choice' | 'boolean'
  min?: number
  max?: number
  step?: number
  choices?: { value: string; label: string }[]
}

/** A model family the studio can train, with what the page needs to offer it. */
export interface FamilyInfo {
  id: string
  label: string
  tasks: ('binary' | 'multiclass' | 'regression')[]
  /** Whether the model accepts missing values in its inputs (trees do; linear models need imputation). */
  handlesMissing: boolean
  defaults: Record<string, unknown>
  params: ParamSpec[]
  create(params: Record<string, unknown>): Model
  fromJSON(json: ModelJSON): Model
}

