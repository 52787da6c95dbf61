import type { FamilyInfo } from '../family'

/** Placeholder until the gbdt family lands: null keeps it out of the registry. */
export const gbdtFamily: FamilyInfo | null = null
