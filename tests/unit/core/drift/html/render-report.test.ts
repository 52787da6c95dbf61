/** The self-contained HTML drift report: content, order, escaping, accessibility and no outside references. */
import { describe, expect, it } from 'vitest'
import { escapeHtml, formatPercent, formatPValue } from '../../../../../src/core/drift/html/escape'
import { MAX_BARS, overlaySvg } from '../../../../../src/core/drift/html/overlay-svg'
import { renderDriftHtml, sortByScore } from '../../../../../src/core/drift/html/render-report'
import { column, sampleReport } from '../../../../fixtures/drift-html/sample-report'

const html = renderDriftHtml(sampleReport())

/** The text of each <th scope="row"> of the column table, in order. */
function rowNames(document: string, caption: RegExp): string[] {
  const table = document.split('<table>').find((t) => caption.test(t))!
  return [...table.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => m[1])
}

describe('renderDriftHtml', () => {
  it('is one HTML document with its CSS inline and no script, link, image or outside address', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(html.trimEnd().endsWith('</html>')).toBe(true)
    expect(html).toMatch(/<style>[\s\S]+<\/style>/)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link|<img|<iframe|<object|@import|url\(/i)
    // Inside tags (escaped data text has no raw "<"): no address attribute and no event handler.
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|xlink:href)=/i)
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i)
    expect(html).not.toMatch(/https?:|\/\//i)
  })

  it('escapes every value from the data', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;b&gt;north&lt;/b&gt;')
    expect(html).toContain('Ward&lt;script&gt;')
    expect(html).toContain('clinic &amp; &quot;ward&quot; 2026.csv')
    expect(html).toContain('train&lt;2025&gt;.csv')
    expect(html).toContain('1 column &lt;missing&gt; from the current data')
    expect(html).not.toContain('<b>north')
  })

  it('summarises the verdict, the drifted columns of the compared ones, the share against the threshold and both sources', () => {
    expect(html).toContain('<p class="verdict drift">Dataset drift detected</p>')
    // Ethnicity is missing from the current data: 3 of the 5 compared columns drifted.
    expect(html).toContain('3 of 5 compared columns drifted (60%)')
    expect(html).toContain('at least 50% of the compared columns drift')
    expect(html).toContain('train&lt;2025&gt;.csv (dataset), 5,000 rows')
    expect(html).toContain('clinic &amp; &quot;ward&quot; 2026.csv, 4,000 rows')
    const calm = renderDriftHtml({ ...sampleReport(), datasetDrift: false, share: 0.2 })
    expect(calm).toContain('<p class="verdict ok">No dataset drift</p>')
  })

  it('lists the columns most drifted first, missing columns last', () => {
    expect(rowNames(html, /Drift per column/)).toEqual(['Tremor', 'BMI', '&lt;img src=x onerror=alert(1)&gt;', 'Smoker', 'Age', 'Ethnicity'])
    expect(sortByScore([column({ name: 'b', score: 1 }), column({ name: 'a', score: 1 })]).map((c) => c.name)).toEqual(['a', 'b'])
  })

  it('writes each row: kind, test, statistic, p-value or distance, threshold, PSI, verdict in words', () => {
    const row = (name: string) => html.split('\n').find((l) => l.includes(`<th scope="row">${name}</th>`))!
    expect(row('Tremor')).toContain('<td class="test">Kolmogorov–Smirnov</td><td class="num">0.4</td><td class="num">p = 1.2e-30</td><td class="num">p &lt; 0.05</td>')
    expect(row('Tremor')).toContain('<td class="verdict-cell">Drifted</td>')
    expect(row('BMI')).toContain('<td class="test">Wasserstein ÷ std</td><td class="num">0.31</td><td class="num">0.31</td><td class="num">≥ 0.1</td><td class="num">0.42</td>')
    expect(row('Smoker')).toContain('two-proportion z-test<br><span class="note">set by you</span>')
    expect(row('Smoker')).toContain('<td class="verdict-cell">No drift</td>')
    expect(row('Age')).toContain('<td class="num">0% → 5%</td>')
    expect(row('Ethnicity')).toContain('<td class="verdict-cell">Missing from current data</td>')
    expect(row('Ethnicity')).toContain('<span class="no-chart">no chart</span>')
  })

  it('names the columns with problems plainly, and the current columns the reference lacks', () => {
    const section = html.slice(html.indexOf('id="problems-h"'), html.indexOf('id="columns-h"'))
    expect(section).toContain('<strong>Ethnicity</strong>: column &quot;Ethnicity&quot; is in the reference but not in the current data')
    expect(section).toContain('not compared): <strong>Ward&lt;script&gt;</strong>')
    const clean = renderDriftHtml({ ...sampleReport(), columns: [column({ name: 'Age' })], extraColumns: [] })
    expect(clean).not.toContain('Columns with problems')
  })

  it('shows prediction drift and performance decay when present, and leaves them out when not', () => {
    expect(html).toContain('<h2 id="prediction-h">Prediction drift</h2>')
    expect(rowNames(html, /predicted scores<\/caption>/)).toEqual(['predicted probability of Parkinson'])
    expect(html).toContain('PSI<br><span class="note">on binned reference</span>')
    expect(html).toContain('<tr><th scope="row">auc</th><td class="num">0.91</td><td class="num">0.84</td><td class="num">-0.07</td></tr>')
    expect(html).toContain('<tr><th scope="row">accuracy</th><td class="num">0.85</td><td class="num">—</td><td class="num">—</td></tr>')
    const bare = renderDriftHtml({ ...sampleReport(), prediction: null, performance: null })
    expect(bare).not.toContain('Prediction drift')
    expect(bare).not.toContain('Model performance')
  })

  it('gives every table a caption and column headers, and every chart a title and a description', () => {
    const tables = html.match(/<table>/g)!.length
    expect(html.match(/<table><caption>/g)).toHaveLength(tables)
    expect(tables).toBe(3)
    const svgs = html.match(/<svg [^>]*>/g)!
    expect(svgs.length).toBe(1 + 5 + 1) // meter, five charted columns, the prediction
    for (const svg of svgs) expect(svg).toMatch(/role="img".*aria-labelledby="/)
    expect(html.match(/<svg /g)!.length).toBe(html.match(/<title id=/g)!.length)
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    expect(html).toContain('<title id="col2-t">&lt;img src=x onerror=alert(1)&gt;: reference (grey bars) and current (dark line) shares per category</title>')
    expect(html).toContain('<desc id="col2-d">Largest change: &lt;b&gt;north&lt;/b&gt;, 50% of reference rows and 80% of current rows.</desc>')
    expect(html).toContain('@media print')
  })

  it('explains only the tests the report used', () => {
    const section = html.slice(html.indexOf('id="howto-h"'))
    expect(section).toContain('Kolmogorov–Smirnov compares')
    expect(section).toContain('The Wasserstein distance')
    expect(section).not.toContain('Chi-squared compares')
  })
})

describe('overlay chart', () => {
  it('draws bars scaled to the largest share, and caps long category lists', () => {
    const svg = overlaySvg('x', { edges: [0, 1, 2], reference: [0.5, 0.5], current: [1, 0] }, 'c')
    // Current's first share is the tallest (height 38 of 40); reference's bars are half that.
    expect(svg).toContain('<path class="cur" d="M0 40 V2 H80 V40 H160 V40"/>')
    expect(svg).toContain('<rect class="ref" x="4" y="21" width="72" height="19"/>')
    expect(svg).toContain('<rect class="ref" x="84" y="21" width="72" height="19"/>')
    expect(svg).toContain('Largest change: 0 to 1, 50% of reference rows and 100% of current rows.')
    const many = Array.from({ length: 45 }, (_, i) => `c${i}`)
    const long = overlaySvg('y', { categories: many, reference: many.map(() => 1 / 45), current: many.map(() => 1 / 45) }, 'd')
    expect(long.match(/class="ref"/g)).toHaveLength(MAX_BARS)
    expect(long).toContain(`(first ${MAX_BARS} of 45 categories)`)
  })
})

describe('formatting', () => {
  it('formats p-values, shares and escapes quotes', () => {
    expect(formatPValue(0.04567)).toBe('0.04567')
    expect(formatPValue(0.00012)).toBe('1.2e-4')
    expect(formatPValue(0)).toBe('< 1e-300')
    expect(formatPValue(null)).toBe('—')
    expect(formatPercent(0.6)).toBe('60%')
    expect(formatPercent(0.0512)).toBe('5.1%')
    expect(escapeHtml(`a'b"c<&>`)).toBe('a&#39;b&quot;c&lt;&amp;&gt;')
  })
})
