#!/usr/bin/env node
/**
 * Checks the production build in dist/ (run after `vite build`):
 * - tfjs: no chunk holds two copies, no tfjs 3 (danfojs' own dependency) is bundled anywhere,
 *   and there is at most one copy per JavaScript context (page, data, training and pipeline workers):
 *   danfojs must share the data worker's tfjs 4, not bring its own;
 * - the page's entry chunk holds neither tfjs nor danfojs (both load lazily, in workers or on demand);
 * - no chunk imports code from another origin.
 * Exits non-zero with a message naming the chunk when a check fails.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = 'dist/assets'
const chunks = readdirSync(dir).filter((f) => f.endsWith('.js'))
const failures = []
const tfjsChunks = []
// tfjs-core's kernel registry error text appears once per bundled copy of tfjs-core, minified or not.
const TFJS_MARKER = /Backend name '\$\{\w+\}' not found in registry/g
const TFJS3_VERSION = /["'`]3\.\d+\.\d+["'`][^;]{0,30}(version_core|tfjs)|tfjs-core@3\./
for (const chunk of chunks) {
  const text = readFileSync(join(dir, chunk), 'utf8')
  const copies = (text.match(TFJS_MARKER) ?? []).length
  if (copies > 0) tfjsChunks.push(chunk)
  if (copies > 1) failures.push(`${chunk}: holds ${copies} copies of tfjs-core`)
  if (TFJS3_VERSION.test(text)) failures.push(`${chunk}: bundles tfjs 3 (danfojs' own copy) instead of sharing tfjs 4`)
  if (/^index-.*\.js$/.test(chunk)) {
    if (copies > 0) failures.push(`${chunk}: the page's entry chunk contains tfjs`)
    if (/danfojs-base|DataFrame\.prototype/.test(text)) failures.push(`${chunk}: the page's entry chunk contains danfojs`)
  }
  for (const m of text.matchAll(/import\(\s*["'`](https?:\/\/[^"'`]+)/g)) failures.push(`${chunk}: imports code from another origin: ${m[1]}`)
}
const CONTEXTS = 4 // page (lazy neural-net training chunk), data worker (danfojs), training worker, pipeline worker
if (tfjsChunks.length > CONTEXTS) failures.push(`tfjs appears in ${tfjsChunks.length} chunks (${tfjsChunks.join(', ')}); expected at most one per context (${CONTEXTS})`)
if (failures.length > 0) {
  console.error(`check-bundle: ${failures.length} problem(s)\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`check-bundle: ${chunks.length} chunks; tfjs-core once in each of ${tfjsChunks.length} chunk(s) [${tfjsChunks.join(', ')}]; no tfjs 3; entry chunk free of tfjs and danfojs`)
