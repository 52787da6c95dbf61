import { describe, expect, it } from 'vitest'
import { rowAt, rowTop, rowWindow, totalHeight, type RowLayout } from '../../../src/ui/common/virtual-rows'

/** Every row's top and height laid out one after another, the slow obvious way. */
function naiveTops(layout: RowLayout): { top: number; height: number }[] {
  const rows: { top: number; height: number }[] = []
  let y = 0
  for (let i = 0; i < layout.count; i++) {
    const height = layout.rowHeight + (layout.expanded?.index === i ? layout.expanded.height : 0)
    rows.push({ top: y, height })
    y += height
  }
  return rows
}

describe('virtual rows', () => {
  const plain: RowLayout = { count: 500, rowHeight: 40 }
  const opened: RowLayout = { count: 500, rowHeight: 40, expanded: { index: 10, height: 300 } }

  it('lays rows out as a plain list would, with and without an opened detail', () => {
    for (const layout of [plain, opened]) {
      const naive = naiveTops(layout)
      for (let i = 0; i < layout.count; i++) expect(rowTop(layout, i)).toBe(naive[i].top)
      expect(totalHeight(layout)).toBe(naive[naive.length - 1].top + naive[naive.length - 1].height)
      // rowAt is the inverse of the layout at every pixel boundary.
      for (let i = 0; i < layout.count; i++) {
        expect(rowAt(layout, naive[i].top)).toBe(i)
        expect(rowAt(layout, naive[i].top + naive[i].height - 1)).toBe(i)
      }
    }
    expect(totalHeight(plain)).toBe(20_000)
    expect(totalHeight(opened)).toBe(20_300)
  })

  it('renders only the rows in view plus the overscan, and the spacers add up to the full height', () => {
    const w = rowWindow(plain, 8000, 600, 5)
    expect(w.indices[0]).toBe(195)
    expect(w.indices[w.indices.length - 1]).toBe(220)
    expect(w.indices.length).toBe(26)
    expect(w.spaceBefore[0]).toBe(195 * 40)
    expect(w.spaceBefore.slice(1).every((s) => s === 0)).toBe(true)
    expect(w.spaceBefore[0] + w.indices.length * 40 + w.spaceAfter).toBe(20_000)
  })

  it('keeps a pinned (focused) row far from the view, with a spacer either side of it', () => {
    const w = rowWindow(opened, 15_000, 600, 3, 2)
    expect(w.indices[0]).toBe(2)
    expect(w.indices[1]).toBeGreaterThan(300)
    const rendered = w.indices.reduce((sum, i) => sum + 40 + (i === 10 ? 300 : 0), 0)
    expect(w.spaceBefore.reduce((a, b) => a + b, 0) + rendered + w.spaceAfter).toBe(totalHeight(opened))
    expect(w.spaceBefore[1]).toBe(rowTop(opened, w.indices[1]) - rowTop(opened, 3))
    // A pinned row below the view comes last.
    const below = rowWindow(plain, 0, 400, 2, 480)
    expect(below.indices[below.indices.length - 1]).toBe(480)
    expect(below.spaceAfter).toBe(19 * 40)
  })

  it('clamps a viewport past either end and handles an empty list', () => {
    expect(rowWindow(plain, 50_000, 600, 2).indices).toEqual([497, 498, 499])
    expect(rowWindow(plain, -100, 80, 0).indices).toEqual([0])
    expect(rowWindow({ count: 0, rowHeight: 40 }, 0, 600, 5)).toEqual({ indices: [], spaceBefore: [], spaceAfter: 0, totalHeight: 0 })
  })
})
