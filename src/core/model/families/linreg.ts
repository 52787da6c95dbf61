import type { FamilyInfo } from '../family'

/** Placeholder until the linreg family lands: null keeps it out of the registry. */
export const linregFamily: FamilyInfo | null = null
