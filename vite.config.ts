import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  // One page at /; unknown paths answer 404 instead of the page, so a mistyped data URL fails clearly.
  appType: 'mpa',
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
