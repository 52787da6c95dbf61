import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'

/**
 * Keyboard focus in a virtualised table whose rows carry `data-row="<key>"` and
 * whose focusable controls carry `data-control="<kind>"`:
 * - the row holding focus is reported (`focused`) so the table keeps drawing it
 *   however far it is scrolled away — focus is never dropped;
 * - ↑/↓ move to the same kind of control in the previous/next row, Page Up/Down
 *   by `pageSize` rows, Home/End to the first/last row. The row moved to may not
 *   be drawn yet: it becomes the focused row (so it is drawn), then receives
 *   focus and is scrolled into view.
 */
export function useRowFocus(keys: string[], pageSize: number) {
  const body = useRef<HTMLTableSectionElement>(null)
  const [focused, setFocused] = useState<string | null>(null)
  const pending = useRef<{ key: string; control: string } | null>(null)

  useLayoutEffect(() => {
    const wanted = pending.current
    if (!wanted) return
    const row = body.current?.querySelector<HTMLElement>(`tr[data-row="${CSS.escape(wanted.key)}"]`)
    if (!row) return
    pending.current = null
    const control = row.querySelector<HTMLElement>(`[data-control="${wanted.control}"]`) ?? row.querySelector<HTMLElement>('[data-control]')
    control?.focus({ preventScroll: true })
    row.scrollIntoView({ block: 'nearest' })
  })

  const rowOf = (target: EventTarget) => (target as Element).closest<HTMLElement>('tr[data-row]')

  const onFocus = (event: FocusEvent) => {
    const key = rowOf(event.target)?.dataset.row
    if (key !== undefined) setFocused(key)
  }
  const onBlur = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const control = (event.target as HTMLElement).dataset?.control
    const key = rowOf(event.target)?.dataset.row
    if (!control || key === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const at = keys.indexOf(key)
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + pageSize, PageUp: at - pageSize, Home: 0, End: keys.length - 1 }
    if (!(event.key in moves) || at < 0) return
    event.preventDefault()
    const next = Math.min(keys.length - 1, Math.max(0, moves[event.key]))
    if (next === at) return
    pending.current = { key: keys[next], control }
    setFocused(keys[next])
  }
  return { body, focused, handlers: { onFocus, onBlur, onKeyDown } }
}
