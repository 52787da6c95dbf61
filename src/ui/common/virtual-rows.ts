/**
 * Which rows of a long list to put in the DOM. Rows have one height, except
 * that one of them may carry an opened detail of its own height below it;
 * rows in view plus `overscan` either side are rendered, and so is a `pinned`
 * row (the one holding keyboard focus, so scrolling never drops the focus).
 * Pure arithmetic, unit-tested; the component draws the result with spacers.
 */
export interface RowLayout {
  count: number
  rowHeight: number
  /** A row with an opened detail below it, and the detail's height. */
  expanded?: { index: number; height: number } | null
}

export interface RowWindow {
  /** Row indices to render, ascending. */
  indices: number[]
  /** For each rendered row, the empty space to leave above it (after the previous rendered row), in px. */
  spaceBefore: number[]
  /** Empty space after the last rendered row, in px. */
  spaceAfter: number
  totalHeight: number
}

/** Top of row `i`, in px from the top of the list. */
export function rowTop(layout: RowLayout, i: number): number {
  const { rowHeight, expanded } = layout
  return i * rowHeight + (expanded && i > expanded.index ? expanded.height : 0)
}

/** Height of row `i` with its detail, if it has one open. */
export function rowSpan(layout: RowLayout, i: number): number {
  return layout.rowHeight + (layout.expanded?.index === i ? layout.expanded.height : 0)
}

export function totalHeight(layout: RowLayout): number {
  return layout.count === 0 ? 0 : rowTop(layout, layout.count - 1) + rowSpan(layout, layout.count - 1)
}

/** The row at `y` px from the top of the list (clamped to the rows there are). */
export function rowAt(layout: RowLayout, y: number): number {
  const { count, rowHeight, expanded } = layout
  if (count === 0) return 0
  let i: number
  if (!expanded || y < expanded.index * rowHeight) i = Math.floor(y / rowHeight)
  else {
    const detailEnd = (expanded.index + 1) * rowHeight + expanded.height
    i = y < detailEnd ? expanded.index : expanded.index + 1 + Math.floor((y - detailEnd) / rowHeight)
  }
  return Math.min(count - 1, Math.max(0, i))
}

/** The rows to render for a viewport `top`…`top + height` (px from the top of the list). */
export function rowWindow(layout: RowLayout, top: number, height: number, overscan: number, pinned: number | null = null): RowWindow {
  const total = totalHeight(layout)
  if (layout.count === 0) return { indices: [], spaceBefore: [], spaceAfter: 0, totalHeight: 0 }
  const first = Math.max(0, rowAt(layout, Math.max(0, top)) - overscan)
  const last = Math.min(layout.count - 1, rowAt(layout, Math.max(0, top + height)) + overscan)
  const indices: number[] = []
  if (pinned !== null && pinned >= 0 && pinned < first) indices.push(pinned)
  for (let i = first; i <= last; i++) indices.push(i)
  if (pinned !== null && pinned < layout.count && pinned > last) indices.push(pinned)
  const spaceBefore: number[] = []
  let end = 0
  for (const i of indices) {
    const top = rowTop(layout, i)
    spaceBefore.push(top - end)
    end = top + rowSpan(layout, i)
  }
  return { indices, spaceBefore, spaceAfter: total - end, totalHeight: total }
}
