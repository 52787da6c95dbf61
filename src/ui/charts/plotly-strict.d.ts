/** plotly's strict (CSP-safe) build has the API of plotly.js, whose types @types/plotly.js provides. */
declare module 'plotly.js-strict-dist-min' {
  export * from 'plotly.js'
}
