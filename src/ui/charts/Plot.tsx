import { useEffect, useRef, useState } from 'react'
import type { Config, Data, Layout } from 'plotly.js'
import { userMessage } from '../../core/user-message'
import { safeFileName } from '../common/download'

type PlotlyModule = {
  react: (el: HTMLElement, data: Data[], layout: Partial<Layout>, config: Partial<Config>) => Promise<unknown>
  purge: (el: HTMLElement) => void
  downloadImage: (el: HTMLElement, options: { format: 'png'; filename: string }) => Promise<unknown>
}

let plotly: Promise<PlotlyModule> | null = null
/**
 * plotly is large; it is loaded the first time a chart is drawn, from the studio's own origin.
 * Its "strict" build draws WebGL charts (parallel coordinates) from precompiled code, where the
 * plain build compiles code at run time, which the Content-Security-Policy forbids.
 */
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-strict-dist-min').then((m) => ((m as unknown as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule)))
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
          // No mode bar: its buttons only show on hover yet would be focusable controls inside what assistive
          // technology reads as one image (saving as PNG is the button below the chart instead). And no
          // "Share chart" (plotly 4 offers it by default): a chart of patient data is never sent to a plotly server.
          { displaylogo: false, responsive: true, displayModeBar: false, showSendToCloud: false, plotlyServerURL: '' } as Partial<Config>,
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
  const save = () => {
    const element = ref.current
    if (element) void loadPlotly().then((Plotly) => Plotly.downloadImage(element, { format: 'png', filename: safeFileName(label) }))
  }
  if (failed) return <p className="muted">The chart could not be drawn: {failed}</p>
  return (
    <div className="plot-frame">
      <div ref={ref} className="plot" role="img" aria-label={label} style={{ minHeight: height }} />
      <button type="button" className="link small plot-save" aria-label={`Save as PNG: ${label}`} onClick={save}>
        Save as PNG
      </button>
    </div>
  )
}
