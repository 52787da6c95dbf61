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

export default defineConfig({
  plugins: [react()],
  // One page at /; unknown paths answer 404 instead of the page, so a mistyped data URL fails clearly.
  appType: 'mpa',
  resolve: {
    // danfojs' default browser entry (lib/bundle.esm.js, 6.2 MB) embeds tfjs 3 and plotly 2; its
    // CommonJS source entry lets the bundler share our single tfjs 4 and plotly (shared/NOTES.md).
    alias: [{ find: /^danfojs$/, replacement: danfojsBrowserEntry }],
    dedupe: ['@tensorflow/tfjs', 'plotly.js-dist-min'],
  },
  // CSV and Parquet samples are imported with ?url and served from the studio's own origin.
  assetsInclude: ['**/*.parquet'],
  worker: { format: 'es', plugins: () => [stubUnusedInWorkers()] },
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
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
})
