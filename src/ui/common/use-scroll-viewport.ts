import { useEffect, useState, type RefObject } from 'react'

export interface ScrollViewport {
  top: number
  height: number
  left: number
  width: number
}

/**
 * The scrolled position and visible size of a scroll box, updated at most
 * once per frame while it scrolls or resizes (for virtualised lists).
 */
export function useScrollViewport(ref: RefObject<HTMLElement | null>, initial = { height: 600, width: 1200 }): ScrollViewport {
  const [viewport, setViewport] = useState<ScrollViewport>({ top: 0, left: 0, ...initial })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    let frame = 0
    const read = () => {
      frame = 0
      const next = { top: el.scrollTop, height: el.clientHeight, left: el.scrollLeft, width: el.clientWidth }
      setViewport((v) => (v.top === next.top && v.height === next.height && v.left === next.left && v.width === next.width ? v : next))
    }
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read)
    }
    read()
    el.addEventListener('scroll', schedule, { passive: true })
    const observer = new ResizeObserver(schedule)
    observer.observe(el)
    return () => {
      if (frame) cancelAnimationFrame(frame)
      el.removeEventListener('scroll', schedule)
      observer.disconnect()
    }
  }, [ref])
  return viewport
}
