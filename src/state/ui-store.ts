import { create } from 'zustand'

export type PageId = 'data' | 'clean' | 'train' | 'evaluate' | 'runs' | 'registry' | 'pipelines' | 'predict' | 'monitor'

export const useUiStore = create<{ page: PageId }>(() => ({ page: 'data' }))

export function showPage(page: PageId): void {
  useUiStore.setState({ page })
}
