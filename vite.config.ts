import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const danfojsBrowserEntry = fileURLToPath(new URL('./node_modules/danfojs/dist/danfojs-browser/src/index.js', import.meta.url))

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
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 5000,
    // Keep sample files as separate assets, never inlined as data: URLs.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
})
