import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const danfojsBrowserEntry = fileURLToPath(new URL('./node_modules/danfojs/dist/danfojs-browser/src/index.js', import.meta.url))

/**
 * Inside workers, danfojs' plotting (plotly) and Excel (xlsx) modules can never
 * run — there is no DOM and the studio reads no spreadsheets — yet danfojs
 * requires them at load. Replacing them with empty modules keeps ~5 MB of
 * dead code out of the data worker's lazily loaded danfojs chunk.
 */
function stubUnusedInWorkers(): Plugin {
  const stubbed = new Set(['plotly.js-dist-min', 'xlsx'])
  return {
    name: 'studio:stub-unused-in-workers',
    enforce: 'pre',
    resolveId(source) {
      return stubbed.has(source) ? `\0stub:${source}` : null
    },
    load(id) {
      return id.startsWith('\0stub:') ? 'export default {}' : null
    },
  }
}

/**
 * The predict and drift workers only predict: a neural net predicts without
 * tfjs, and only its training imports tfjs (lazily, from mlp.ts). Without this
 * each worker's build would carry its own never-loaded copy of tfjs. The stub
 * replaces the training module in those workers' builds only.
 */
function noTrainingInPredictWorker(): Plugin {
  let predictWorker = false
  return {
    name: 'studio:no-training-in-predict-worker',
    enforce: 'pre',
    options(options) {
      predictWorker = /(predict|drift)\.worker/.test(JSON.stringify(options.input ?? ''))
    },
    resolveId(source, importer) {
      return predictWorker && source === './train-tf' && importer?.includes('/model/mlp/') ? '\0stub:train-tf' : null
    },
    load(id) {
      return id === '\0stub:train-tf' ? 'export function trainNetwork() { throw new Error("this worker predicts; it does not train models") }' : null
    },
  }
}

/**
 * The Content-Security-Policy: the browser itself keeps patient data in the page.
 * Scripts, workers and WebAssembly come from the studio's own origin only
 * ('wasm-unsafe-eval' lets tfjs' wasm backend compile its binary; no eval of
 * JavaScript); no inline script; the one outward request is opening an https://
 * address the user typed. Styles: the studio's stylesheet and two fixed
 * <style> elements of plotly's (by hash), plus inline style attributes (plotly
 * sets some with d3, e.g. a colour bar's gradient fill); any other inline
 * <style> is refused. Images: the studio's own, and the data:/blob: pictures
 * plotly draws when a chart is saved as PNG.
 */
const PLOTLY_STYLE_HASHES = [
  // The empty string: plotly adds an empty <style> and fills it through CSSOM (insertRule), which CSP does not restrict.
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  // maplibre's stylesheet, bundled in plotly-strict 4.1.1 and added as it loads (the studio draws no maps).
  // A plotly update changes it: the CSP end-to-end test then names the new hash.
  "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='",
]
const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'connect-src': "'self' https:",
  'img-src': "'self' data: blob:",
  'style-src': `'self' ${PLOTLY_STYLE_HASHES.join(' ')}`,
  'style-src-attr': "'unsafe-inline'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
}
const policy = (directives: Record<string, string>): string =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
/** As a meta tag in the built index.html (browsers ignore frame-ancestors there). */
export const CSP_META = policy(CSP_DIRECTIVES)
/** As a header (`vite preview`; static hosts, see the README): the same plus frame-ancestors. */
export const CSP_HEADER = policy({ ...CSP_DIRECTIVES, 'frame-ancestors': "'none'" })

/**
 * Cross-origin isolation (COOP + COEP): the page may then share memory between
 * threads (SharedArrayBuffer), which tree fits use to build histograms on every
 * core. The studio loads nothing from other origins, and a data URL is fetched
 * with CORS, which require-corp allows. Without these headers fits use one core.
 */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...ISOLATION_HEADERS,
}

/**
 * Puts the policy into the built index.html as its first <head> element (a
 * meta policy covers only what comes after it). Build only: the dev server
 * injects an inline React-refresh preamble and an inline-styled error overlay
 * that the policy would refuse, and serves the page to this machine only.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'studio:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        context.path === '/index.html' ? [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }] : [],
    },
  }
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  // One page at /; unknown paths answer 404 instead of the page, so a mistyped data URL fails clearly.
  appType: 'mpa',
  resolve: {
    // danfojs' default browser entry (lib/bundle.esm.js, 6.2 MB) embeds tfjs 3 and plotly 2; its
    // CommonJS source entry lets the bundler share our single tfjs 4 (shared/NOTES.md). Its plotly
    // (which the page does not use: the page draws with plotly.js-strict-dist-min) is stubbed out in workers.
    alias: [{ find: /^danfojs$/, replacement: danfojsBrowserEntry }],
    dedupe: ['@tensorflow/tfjs'],
  },
  // CSV and Parquet samples are imported with ?url and served from the studio's own origin.
  assetsInclude: ['**/*.parquet'],
  worker: { format: 'es', plugins: () => [stubUnusedInWorkers(), noTrainingInPredictWorker()] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 5000,
    // Keep sample files as separate assets, never inlined as data: URLs.
    assetsInlineLimit: 0,
    // `npm run bench` builds the benchmark pages beside the studio (into dist-bench); the studio's own build has only index.html.
    rollupOptions: process.env.STUDIO_BENCH
      ? {
          input: {
            main: fileURLToPath(new URL('./index.html', import.meta.url)),
            benchData: fileURLToPath(new URL('./tests/bench/data.html', import.meta.url)),
            benchRuns: fileURLToPath(new URL('./tests/bench/runs.html', import.meta.url)),
            benchDrift: fileURLToPath(new URL('./tests/bench/drift.html', import.meta.url)),
            benchMlp: fileURLToPath(new URL('./tests/bench/mlp.html', import.meta.url)),
          },
        }
      : undefined,
  },
  // Where the dev server keeps its pre-bundled dependencies; STUDIO_VITE_CACHE_DIR points a test at an empty one.
  cacheDir: process.env.STUDIO_VITE_CACHE_DIR || undefined,
  optimizeDeps: {
    // The dev server pre-bundles dependencies it finds by scanning from its entries. By default it
    // scans from index.html only and never sees the workers (started with `new Worker(new URL(…))`),
    // so their dependencies — papaparse, hyparquet, danfojs in the data worker; the tfjs wasm and
    // webgpu backends imported lazily by the training worker — were found only when first loaded,
    // and Vite then reloaded the page under the user (the first page load, and the first
    // neural-net run, which was marked failed). Scanning the workers too finds them all up front.
    entries: ['index.html', 'workers/**/*.ts'],
  },
  // The dev server sends only the isolation headers: its inline React-refresh preamble would break the policy (see contentSecurityPolicyMeta).
  server: { host: '127.0.0.1', port: 5173, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, headers: SECURITY_HEADERS },
})
