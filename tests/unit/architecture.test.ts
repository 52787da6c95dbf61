import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * src/core must run unchanged in a worker, in Node and in tests: it may not
 * import React, the DOM, storage, comlink, Node built-ins or the page's layers.
 */
const root = new URL('../../', import.meta.url).pathname
const FORBIDDEN = [/^react(-dom)?(\/|$)/, /^idb$/, /^comlink$/, /^zustand/, /^plotly/, /^node:/, /^(fs|path|os|child_process|worker_threads)$/, /\/(ui|state|services|node)\//, /^\.\.\/\.\.\/workers/, /danfojs/]

/**
 * The one core file allowed to import danfojs: standardize-text runs its string
 * operations through danfojs on level dictionaries (see that file's header).
 * Everywhere else in core a danfojs import is still forbidden.
 */
const DANFOJS_ALLOWED = 'src/core/clean/text-danfo.ts'

/** True when `file` (relative to the repository) may not import `spec`. */
function isForbidden(file: string, spec: string): boolean {
  if (file === DANFOJS_ALLOWED && /danfojs/.test(spec)) return false
  return FORBIDDEN.some((rule) => rule.test(spec))
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2])
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('layering', () => {
  it('src/core imports nothing from the page, storage, workers or Node', () => {
    const offending: string[] = []
    for (const file of sourceFiles(join(root, 'src/core'))) {
      const text = readFileSync(file, 'utf8')
      for (const spec of importsOf(text)) {
        if (isForbidden(relative(root, file), spec)) offending.push(`${relative(root, file)} imports ${spec}`)
      }
      if (/\b(window|document|localStorage|indexedDB)\./.test(text)) offending.push(`${relative(root, file)} uses a page global`)
    }
    expect(offending).toEqual([])
  })

  it('the check catches a forbidden import', () => {
    const spec = 'react'
    expect(FORBIDDEN.some((rule) => rule.test(spec))).toBe(true)
    expect(FORBIDDEN.some((rule) => rule.test('../../ui/App'))).toBe(true)
  })

  it('allows danfojs in exactly one core file, and nothing else forbidden there', () => {
    expect(isForbidden('src/core/clean/apply-recipe.ts', 'danfojs')).toBe(true)
    expect(isForbidden('src/core/clean/text-core.ts', 'danfojs')).toBe(true)
    expect(isForbidden('src/core/table/read/csv.ts', 'danfojs/dist/danfojs-browser/src')).toBe(true)
    expect(isForbidden(DANFOJS_ALLOWED, 'danfojs')).toBe(false)
    expect(isForbidden(DANFOJS_ALLOWED, 'react')).toBe(true)
    // The allowance is not stale: that file exists and is where danfojs is imported.
    expect(importsOf(readFileSync(join(root, DANFOJS_ALLOWED), 'utf8'))).toContain('danfojs')
  })
})
