import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * src/core must run unchanged in a worker, in Node and in tests: it may not
 * import React, the DOM, storage, comlink, Node built-ins or the page's layers.
 */
const root = new URL('../../', import.meta.url).pathname
const FORBIDDEN = [/^react(-dom)?(\/|$)/, /^idb$/, /^comlink$/, /^zustand/, /^plotly/, /^node:/, /^(fs|path|os|child_process|worker_threads)$/, /\/(ui|state|services|node)\//, /^\.\.\/\.\.\/workers/, /danfojs/]

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
      for (const match of text.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = match[1] ?? match[2]
        if (FORBIDDEN.some((rule) => rule.test(spec))) offending.push(`${relative(root, file)} imports ${spec}`)
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
})
