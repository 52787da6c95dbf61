import { StudioError } from '../errors'
import type { Classifier, ModelJSON } from './estimator'
import { LOGISTIC_DEFAULTS, LogisticRegression } from './logistic'

/** A model family the studio can train, with what the page needs to offer it. */
export interface FamilyInfo {
  id: string
  label: string
  tasks: ('binary' | 'multiclass' | 'regression')[]
  defaults: Record<string, unknown>
  create(params: Record<string, unknown>): Classifier
  fromJSON(json: ModelJSON): Classifier
}

export const FAMILIES: Record<string, FamilyInfo> = {
  logistic: {
    id: 'logistic',
    label: 'Logistic regression',
    tasks: ['binary', 'multiclass'],
    defaults: { ...LOGISTIC_DEFAULTS },
    create: (params) => new LogisticRegression(params),
    fromJSON: (json) => LogisticRegression.fromJSON(json),
  },
}

export function familyInfo(id: string): FamilyInfo {
  const info = FAMILIES[id]
  if (!info) throw new StudioError('bad-param', `model: unknown family "${id}"; expected one of ${Object.keys(FAMILIES).join(', ')}`)
  return info
}

/** Rebuilds a fitted model from its JSON, dispatching on `family`. */
export function modelFromJSON(json: ModelJSON): Classifier {
  return familyInfo(json.family).fromJSON(json)
}
