import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * Renders `children` once this spot comes within a screen of the viewport, and
 * keeps them from then on; until then an empty block of `minHeight` holds the
 * place. For charts below the fold: plotly (over 1 MB) is loaded and drawn only
 * when someone scrolls to it, so opening a view with charts is not slowed by
 * charts nobody sees yet. Without IntersectionObserver the children render at once.
 */
export function WhenVisible({ children, minHeight }: { children: ReactNode; minHeight: number }) {
  const spot = useRef<HTMLDivElement>(null)
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    const element = spot.current
    if (seen || !element) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true)
    }, { rootMargin: '100% 0px' })
    observer.observe(element)
    return () => observer.disconnect()
  }, [seen])
  if (seen) return <>{children}</>
  return <div ref={spot} style={{ minHeight }} />
}
