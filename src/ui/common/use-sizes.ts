import { useEffect, useState, type RefObject } from 'react'

/** A height given in rem, in px: it follows the reader's font size without measuring anything. */
export function useRemHeight(rem: number): number {
  const [px, setPx] = useState(() => rem * rootFontSize())
  useEffect(() => {
    // A change of the browser's font size shows as a resize of the page.
    const update = () => setPx(rem * rootFontSize())
    window.addEventListener('resize', update)
    return () => window.removeEventListener('resize', update)
  }, [rem])
  return px
}

function rootFontSize(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 15
}

/** The height of an element, observed after layout (never forcing one). */
export function useObservedHeight(ref: RefObject<HTMLElement | null>, initial: number): number {
  const [height, setHeight] = useState(initial)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) => setHeight(entry.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return height
}
