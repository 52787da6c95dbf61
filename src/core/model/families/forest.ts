import type { FamilyInfo } from '../family'

/** Placeholder until the forest family lands: null keeps it out of the registry. */
export const forestFamily: FamilyInfo | null = null
