import { useEffect, useRef, useState } from 'react'
import type { Config, Data, Layout } from 'plotly.js'
import { userMessage } from '../../core/user-message'

type PlotlyModule = { react: (el: HTMLElement, data: Data[], layout: Partial<Layout>, config: Partial<Config>) => Promise<unknown>; purge: (el: HTMLElement) => void }

let plotly: Promise<PlotlyModule> | null = null
/** plotly is large; it is loaded the first time a chart is drawn, from the studio's own origin. */
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((m) => ((m as unknown as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule)))
  return plotly
}

/**
 * A thin plotly wrapper: plain arrays in, a chart out. `label` describes the
 * chart for screen readers; the numbers it shows are also on the page as text.
 */
export function Plot({ data, layout, label, height = 320 }: { data: Data[]; layout?: Partial<Layout>; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    const element = ref.current
    loadPlotly()
      .then((Plotly) => {
        if (cancelled || !element) return
        return Plotly.react(
          element,
          data,
          {
            height,
            margin: { l: 56, r: 16, t: 16, b: 48 },
            paper_bgcolor: 'rgba(0,0,0,0)',
            plot_bgcolor: 'rgba(0,0,0,0)',
            font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12, color: '#1d2b36' },
            ...layout,
          },
          { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['lasso2d', 'select2d'] },
        )
      })
      .catch((error: unknown) => setFailed(userMessage(error)))
    return () => {
      cancelled = true
    }
  }, [data, layout, height])
  useEffect(() => {
    const element = ref.current
    return () => {
      if (element) void loadPlotly().then((Plotly) => Plotly.purge(element))
    }
  }, [])
  if (failed) return <p className="muted">The chart could not be drawn: {failed}</p>
  return <div ref={ref} className="plot" role="img" aria-label={label} style={{ minHeight: height }} />
}
