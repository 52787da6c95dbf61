import type { Model, ModelJSON } from './estimator'

export type { ParamSpec } from './param-spec'
import type { ParamSpec } from './param-spec'

/** A model family the studio can train, with what the page needs to offer it. */
export interface FamilyInfo {
  id: string
  label: string
  tasks: ('binary' | 'multiclass' | 'regression')[]
  /** Whether the model accepts missing values in its inputs (trees do; linear models need imputation). */
  handlesMissing: boolean
  defaults: Record<string, unknown>
  /** The parameters the page's form offers: the family's spec (param-specs/) less hidden ones. */
  params: ParamSpec[]
  /** The parameters a search varies by default, in order (their ranges are the specs' `search`). */
  defaultSearch: readonly string[]
  create(params: Record<string, unknown>): Model
  fromJSON(json: ModelJSON): Model
}

