#!/usr/bin/env node
/**
 * Checks the production build in dist/ (run after `vite build`):
 * - exactly one copy of tfjs across all chunks (danfojs must share ours, not bring tfjs 3);
 * - the page's entry chunk holds neither tfjs nor danfojs (both stay in workers, loaded lazily);
 * - no chunk loads anything from another origin (no CDN URLs in script imports).
 * Exits non-zero with a message naming the chunk when a check fails.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = 'dist/assets'
const chunks = readdirSync(dir).filter((f) => f.endsWith('.js'))
const failures = []
const tfjsVersions = new Map()
for (const chunk of chunks) {
  const text = readFileSync(join(dir, chunk), 'utf8')
  // tfjs-core declares its version as a string next to its "version_core" export.
  const versions = new Set([...text.matchAll(/version_core[^]{0,400}?['"`](\d+\.\d+\.\d+)['"`]/g)].map((m) => m[1]))
  if (text.includes('tfjs-core') || versions.size > 0) tfjsVersions.set(chunk, versions)
  if (/^index-.*\.js$/.test(chunk)) {
    if (text.includes('tfjs-core') || text.includes('version_core')) failures.push(`${chunk}: the page's entry chunk contains tfjs`)
    if (/danfojs-base|DataFrame\.prototype/.test(text)) failures.push(`${chunk}: the page's entry chunk contains danfojs`)
  }
  for (const m of text.matchAll(/import\(\s*["'`](https?:\/\/[^"'`]+)/g)) failures.push(`${chunk}: imports code from another origin: ${m[1]}`)
}
if (tfjsVersions.size > 1) failures.push(`tfjs appears in ${tfjsVersions.size} chunks (${[...tfjsVersions.keys()].join(', ')}); expected one shared copy`)
const allVersions = new Set([...tfjsVersions.values()].flatMap((v) => [...v]))
if (allVersions.size > 1) failures.push(`several tfjs versions are bundled: ${[...allVersions].join(', ')}`)
if (failures.length > 0) {
  console.error(`check-bundle: ${failures.length} problem(s)\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`check-bundle: ${chunks.length} chunks; tfjs in ${tfjsVersions.size} chunk(s) [${[...tfjsVersions.keys()].join(', ') || 'none'}]; entry chunk free of tfjs and danfojs`)
