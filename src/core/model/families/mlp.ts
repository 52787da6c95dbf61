import type { FamilyInfo } from '../family'

/** Placeholder until the mlp family lands: null keeps it out of the registry. */
export const mlpFamily: FamilyInfo | null = null
