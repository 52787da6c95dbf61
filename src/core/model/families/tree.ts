import type { FamilyInfo } from '../family'

/** Placeholder until the tree family lands: null keeps it out of the registry. */
export const treeFamily: FamilyInfo | null = null
