/**
 * The drift report as one self-contained HTML document: inline CSS and inline
 * SVG charts, no script and no external address, so it opens offline in any
 * browser, prints, and can be mailed or archived beside the JSON. The page's
 * "Download HTML" and `npm run drift -- --html` both call `renderDriftHtml`.
 * It only presents the report: every number comes from core's driftReport.
 */
import { formatCount } from '../../pipeline/format'
import type { ColumnDrift, DriftReport, PerformanceDecay } from '../types'
import { escapeHtml as e, formatPercent, formatPValue, formatStat } from './escape'
import { overlaySvg, shareMeterSvg } from './overlay-svg'
import { REPORT_CSS } from './styles'
import { isPValueTest, KIND_NAMES, TEST_NAMES, thresholdText, verdictText } from './wording'

/** Columns most drifted first (by score; no score last), then by name, as the table shows them. */
export function sortByScore(columns: readonly ColumnDrift[]): ColumnDrift[] {
  const score = (c: ColumnDrift) => (Number.isFinite(c.score) ? c.score : -Infinity)
  return [...columns].sort((a, b) => score(b) - score(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/**
 * Columns that count toward the drifted share, by report.ts's rule: compared
 * ones, and those judged drifted by their problem (type changed); not those
 * missing from the current data, left without current rows, or all-missing.
 */
export function comparedColumns(report: DriftReport): ColumnDrift[] {
  return report.columns.filter((c) => !c.problem || c.problem.code === 'drift/type-changed' || (c.drifted && c.problem.code !== 'drift/missing-column' && c.problem.code !== 'drift/empty-current'))
}

/** The whole report as an HTML document (UTF-8, starting with <!doctype html>). */
export function renderDriftHtml(report: DriftReport): string {
  const title = `Drift report: ${report.current.name} against ${report.reference.name}`
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>Drift report</h1>`,
    `<p class="meta">${e(report.current.name)} compared with ${e(report.reference.name)} · created ${e(report.createdAt)}</p>`,
    summarySection(report),
    problemsSection(report),
    columnsSection(report),
    predictionSection(report.prediction),
    performanceSection(report.performance),
    explanationSection(report),
    '<footer>Made by Clinical ML Studio. This file is self-contained: it needs no network and no studio to be read.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function summarySection(report: DriftReport): string {
  const compared = comparedColumns(report)
  const drifted = compared.filter((c) => c.drifted).length
  const verdict = report.datasetDrift
    ? '<p class="verdict drift">Dataset drift detected</p>'
    : '<p class="verdict ok">No dataset drift</p>'
  const referenceKind = report.reference.source === 'bundle' ? "model bundle's reference statistics" : 'dataset'
  const warnings = report.warnings.length
    ? `<h3>Warnings</h3><ul class="warnings">${report.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`
    : ''
  return [
    '<section aria-labelledby="summary-h">',
    '<h2 id="summary-h">Summary</h2>',
    verdict,
    `<p>${formatCount(drifted)} of ${formatCount(compared.length)} compared columns drifted (${formatPercent(report.share)}). ` +
      `The dataset counts as drifted when at least ${formatPercent(report.driftShare)} of the compared columns drift.</p>`,
    shareMeterSvg(report.share, report.driftShare),
    '<dl class="sources">',
    `<dt>Reference</dt><dd>${e(report.reference.name)} (${referenceKind}), ${formatCount(report.reference.rows)} rows</dd>`,
    `<dt>Current</dt><dd>${e(report.current.name)}, ${formatCount(report.current.rows)} rows</dd>`,
    `<dt>Created</dt><dd>${e(report.createdAt)}</dd>`,
    '</dl>',
    warnings,
    '</section>',
  ].join('\n')
}

function problemsSection(report: DriftReport): string {
  const withProblem = report.columns.filter((c) => c.problem)
  if (withProblem.length === 0 && report.extraColumns.length === 0) return ''
  const items = withProblem.map((c) => `<li><strong>${e(c.name)}</strong>: ${e(c.problem!.message)}</li>`)
  if (report.extraColumns.length) {
    items.push(`<li>Columns in the current data that the reference does not have (not compared): ${report.extraColumns.map((n) => `<strong>${e(n)}</strong>`).join(', ')}</li>`)
  }
  return ['<section aria-labelledby="problems-h">', '<h2 id="problems-h">Columns with problems</h2>', `<ul class="problems">${items.join('')}</ul>`, '</section>'].join('\n')
}

const LEGEND = '<p class="legend" aria-hidden="true"><span><span class="swatch ref"></span>reference</span><span><span class="swatch cur"></span>current</span></p>'

/** Column headers; numeric ones are right-aligned over their numbers. */
const HEADERS: [string, boolean][] = [
  ['Column', false], ['Kind', false], ['Test', false], ['Statistic', true], ['p-value or distance', true], ['Threshold', true],
  ['PSI', true], ['Missing (reference → current)', true], ['Verdict', false], ['Reference vs current', false],
]

function driftTable(caption: string, columns: readonly ColumnDrift[], idPrefix: string): string {
  const head = `<thead><tr>${HEADERS.map(([h, num]) => `<th scope="col"${num ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead>`
  const rows = columns.map((c, i) => driftRow(c, `${idPrefix}${i}`))
  return `<table><caption>${e(caption)}</caption>${head}<tbody>\n${rows.join('\n')}\n</tbody></table>`
}

function driftRow(c: ColumnDrift, id: string): string {
  const judged = isPValueTest(c.test) ? formatPValue(c.pValue) : formatStat(c.distance)
  const judgedLabel = isPValueTest(c.test) ? 'p = ' : ''
  const notes = [c.overridden ? 'set by you' : '', c.binned ? 'on binned reference' : ''].filter(Boolean).join(', ')
  const cells = [
    `<th scope="row">${e(c.name)}</th>`,
    `<td>${KIND_NAMES[c.kind] ?? e(String(c.kind))}</td>`,
    `<td class="test">${e(TEST_NAMES[c.test] ?? String(c.test))}${notes ? `<br><span class="note">${notes}</span>` : ''}</td>`,
    `<td class="num">${formatStat(c.statistic)}</td>`,
    `<td class="num">${judged === '—' ? judged : judgedLabel + judged}</td>`,
    `<td class="num">${e(thresholdText(c))}</td>`,
    `<td class="num">${formatStat(c.psi)}</td>`,
    `<td class="num">${formatPercent(c.referenceMissingShare)} → ${formatPercent(c.currentMissingShare)}</td>`,
    `<td class="verdict-cell">${e(verdictText(c))}</td>`,
    `<td>${overlaySvg(c.name, c.distribution, id)}</td>`,
  ]
  return `<tr class="${c.drifted ? 'drifted' : 'stable'}">${cells.join('')}</tr>`
}

function columnsSection(report: DriftReport): string {
  if (report.columns.length === 0) return '<section aria-labelledby="columns-h"><h2 id="columns-h">Columns</h2><p>No columns were compared.</p></section>'
  return [
    '<section aria-labelledby="columns-h">',
    '<h2 id="columns-h">Columns</h2>',
    LEGEND,
    driftTable(`Drift per column, most drifted first (${report.columns.length} columns)`, sortByScore(report.columns), 'col'),
    '</section>',
  ].join('\n')
}

function predictionSection(prediction: ColumnDrift | null): string {
  if (!prediction) return ''
  return [
    '<section aria-labelledby="prediction-h">',
    '<h2 id="prediction-h">Prediction drift</h2>',
    `<p>${prediction.drifted ? "The model's predicted scores have drifted from those on its held-out rows at training." : "The model's predicted scores have not drifted from those on its held-out rows at training."}</p>`,
    LEGEND,
    driftTable("Drift of the model's predicted scores", [prediction], 'pred'),
    '</section>',
  ].join('\n')
}

function performanceSection(performance: PerformanceDecay | null): string {
  if (!performance) return ''
  const rows = performance.metrics.map((m) => {
    const change = m.training !== null && m.current !== null ? m.current - m.training : null
    const sign = change !== null && change > 0 ? '+' : ''
    return `<tr><th scope="row">${e(m.name)}</th><td class="num">${formatStat(m.training)}</td><td class="num">${formatStat(m.current)}</td><td class="num">${change === null ? '—' : sign + formatStat(change)}</td></tr>`
  })
  return [
    '<section aria-labelledby="performance-h">',
    '<h2 id="performance-h">Model performance</h2>',
    `<p>The current data carries the target, so the model was scored on its ${formatCount(performance.currentRows)} rows (task: ${e(performance.task)}).</p>`,
    `<table><caption>Metrics at training (held-out rows) and on the current data</caption><thead><tr><th scope="col">Metric</th><th scope="col" class="num">Training</th><th scope="col" class="num">Current</th><th scope="col" class="num">Change</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n')
}

/** What each test present in the report means, in one sentence each. */
const TEST_EXPLANATIONS: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov compares two sets of numbers by the largest gap between their cumulative distributions; a column drifts when its p-value is below the threshold.',
  chi2: 'Chi-squared compares the counts per category (or per bin); a column drifts when its p-value is below the threshold.',
  z: 'The two-proportion z-test compares how often a two-valued column takes its first value; a column drifts when its p-value is below the threshold.',
  wasserstein: 'The Wasserstein distance is how far, on average, values would have to move to turn one distribution into the other, divided by the reference standard deviation; a column drifts when it reaches the threshold.',
  jensenshannon: 'The Jensen–Shannon distance (0 = same shares, up to about 0.83) compares the shares per category; a column drifts when it reaches the threshold.',
  psi: 'PSI (population stability index) sums the change of share per bin weighted by its log ratio; a column judged by PSI drifts when it reaches the threshold.',
}

function explanationSection(report: DriftReport): string {
  const used = new Set([...report.columns, ...(report.prediction ? [report.prediction] : [])].map((c) => c.test))
  const sentences = (Object.keys(TEST_EXPLANATIONS) as (keyof typeof TEST_EXPLANATIONS)[]).filter((t) => used.has(t as ColumnDrift['test'])).map((t) => `<li>${TEST_EXPLANATIONS[t]}</li>`)
  return [
    '<section aria-labelledby="howto-h">',
    '<h2 id="howto-h">How to read this report</h2>',
    '<p>Each column of the current data is compared with the same column of the reference, by the test chosen for its kind and the size of the reference (or the one set for it).</p>',
    sentences.length ? `<ul>${sentences.join('')}</ul>` : '',
    '<p>PSI is shown for every column; above 0.2 is usually read as a marked shift. The chart in each row overlays the share of reference rows (grey bars) and of current rows (dark line) per bin or category; for numbers the bins are those of the reference, so current values beyond its range gather in the end bins.</p>',
    '</section>',
  ].join('\n')
}
