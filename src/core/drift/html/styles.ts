/**
 * The report's stylesheet, inlined in its <style> element: system fonts only
 * (nothing to fetch), dark text on white (contrast well above WCAG AA), and a
 * print layout that keeps table rows whole and drops the backgrounds.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 28px 0 8px; border-bottom: 1px solid #c4c8cf; padding-bottom: 4px; }
.meta { color: #444; margin: 0 0 16px; }
.verdict { font-size: 1.15rem; font-weight: 600; padding: 10px 14px; border-radius: 6px; border: 2px solid; display: inline-block; margin: 4px 0 8px; }
.verdict.drift { color: #8a1116; background: #fdecea; border-color: #8a1116; }
.verdict.ok { color: #1b4d20; background: #e9f5ea; border-color: #1b4d20; }
dl.sources { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.sources dt { font-weight: 600; }
dl.sources dd { margin: 0; }
ul.warnings li, ul.problems li { margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { border-bottom: 1px solid #d5d8dd; padding: 6px 8px; text-align: left; vertical-align: middle; }
thead th { background: #eef0f3; border-bottom: 2px solid #8b929c; }
th[scope="row"] { font-weight: 600; min-width: 9em; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
td.test { white-space: nowrap; }
tr.drifted th[scope="row"], tr.drifted td.verdict-cell { color: #8a1116; }
td.verdict-cell { font-weight: 600; }
.note { color: #444; font-size: 0.9em; }
.legend { display: flex; gap: 16px; align-items: center; color: #333; font-size: 0.9em; margin: 4px 0; }
.swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
.swatch.ref { background: #aeb4bd; }
.swatch.cur { height: 3px; background: #1d4f91; }
svg .ref { fill: #aeb4bd; }
svg .cur { fill: none; stroke: #1d4f91; stroke-width: 2; stroke-linejoin: round; }
svg .axis { stroke: #6b717a; stroke-width: 1; }
svg .track { fill: #e3e6ea; }
svg .fill-bad { fill: #a4161a; }
svg .fill-ok { fill: #2e7d32; }
svg .mark { stroke: #1a1a1a; stroke-width: 2; }
.no-chart { color: #555; font-size: 0.85em; }
footer { margin-top: 32px; color: #444; font-size: 0.85em; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, .verdict, svg { break-inside: avoid; }
  thead th, .verdict.drift, .verdict.ok { background: none; }
  h2 { break-after: avoid; }
}
`
