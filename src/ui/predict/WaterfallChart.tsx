import { useMemo } from 'react'
import type { Data, Layout } from 'plotly.js'
import type { RowExplanation } from '../../core/explain/types'
import { Plot } from '../charts/Plot'
import { formatNumber } from '../common/format'
import { contributionDetail, methodLabel, spaceLabel, waterfallData } from './waterfall-data'

const UP = '#b42318'
const DOWN = '#137c85'

/**
 * Per-input contributions to one prediction as a waterfall: from the model's
 * average score over the training rows, each input pushes the score up or
 * down, ending at this record's score. The same numbers are listed below the
 * chart as a table.
 */
export function WaterfallChart({ explanation, target }: { explanation: RowExplanation; target: string }) {
  const data = useMemo(() => waterfallData(explanation), [explanation])
  const method = methodLabel(explanation)
  const unit = spaceLabel(explanation, target)
  const traces = useMemo<Data[]>(
    () => [
      {
        type: 'waterfall',
        orientation: 'h',
        measure: ['absolute', ...data.bars.map(() => 'relative'), 'total'],
        y: ['Average (expected value)', ...data.bars.map((b) => b.name), 'This record'],
        x: [data.expectedValue, ...data.bars.map((b) => b.contribution), data.total],
        text: [data.expectedValue, ...data.bars.map((b) => b.contribution), data.total].map((v, i) => (i > 0 && i <= data.bars.length && v > 0 ? '+' : '') + formatNumber(v)),
        textposition: 'outside',
        cliponaxis: false,
        increasing: { marker: { color: UP } },
        decreasing: { marker: { color: DOWN } },
        totals: { marker: { color: '#5b6b77' } },
        connector: { line: { color: '#c3ccd3', width: 1 } },
        hoverinfo: 'y+x',
      } as unknown as Data,
    ],
    [data],
  )
  const layout = useMemo<Partial<Layout>>(
    () => ({
      yaxis: { autorange: 'reversed', automargin: true, type: 'category' },
      xaxis: { title: { text: unit }, zeroline: false },
      margin: { l: 16, r: 56, t: 8, b: 48 },
      showlegend: false,
    }),
    [unit],
  )
  const details = data.bars.map((b) => contributionDetail(explanation, b.name, (v) => formatNumber(v, 4)))
  const hasDetails = details.some((d) => d !== null)
  const largest = data.bars.slice(0, 3).map((b) => `${b.name} ${b.contribution > 0 ? '+' : ''}${formatNumber(b.contribution)}`)
  const label = `Contributions of each input to this prediction (${method}), in ${unit}: from ${formatNumber(data.expectedValue)} to ${formatNumber(data.total)}; largest ${largest.join(', ')}`
  return (
    <figure className="chart-card waterfall" aria-labelledby="waterfall-caption">
      <figcaption id="waterfall-caption">
        Why: each input's contribution, <strong data-testid="explanation-method">{method}</strong>, in {unit}
      </figcaption>
      <Plot data={traces} layout={layout} label={label} height={Math.max(240, 44 + 26 * (data.bars.length + 2))} />
      <details>
        <summary>The numbers behind the chart</summary>
        <table className="data-table compact-table" aria-label="Contributions to this prediction">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col" className="num">
                Contribution
              </th>
              {hasDetails && <th scope="col">How</th>}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Average (expected value)</th>
              <td className="num mono">{formatNumber(data.expectedValue, 4)}</td>
              {hasDetails && <td />}
            </tr>
            {data.bars.map((b, i) => (
              <tr key={b.name}>
                <th scope="row">{b.name}</th>
                <td className="num mono">
                  {b.contribution > 0 ? '+' : ''}
                  {formatNumber(b.contribution, 4)}
                </td>
                {hasDetails && <td className="muted">{details[i]}</td>}
              </tr>
            ))}
            <tr>
              <th scope="row">This record</th>
              <td className="num mono">{formatNumber(data.total, 4)}</td>
              {hasDetails && <td />}
            </tr>
          </tbody>
        </table>
      </details>
    </figure>
  )
}
