import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CSP_HEADER, CSP_META, SECURITY_HEADERS } from '../../vite.config'

/** The policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]))
}

describe('Content-Security-Policy', () => {
  const header = directives(CSP_HEADER)

  it('allows scripts, workers and WebAssembly from the studio only, and no eval or inline script', () => {
    expect(header.get('default-src')).toEqual(["'none'"])
    expect(header.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(header.get('worker-src')).toEqual(["'self'"])
    expect(header.get('object-src')).toEqual(["'none'"])
    expect(header.get('base-uri')).toEqual(["'none'"])
    expect(CSP_HEADER).not.toMatch(/'unsafe-eval'|'strict-dynamic'|\*/)
  })

  it('lets data go nowhere but the studio and an https:// address the user opens', () => {
    expect(header.get('connect-src')).toEqual(["'self'", 'https:'])
    expect(header.get('form-action')).toEqual(["'none'"])
  })

  it('is the same as a meta tag, less frame-ancestors (which browsers ignore there)', () => {
    expect(header.get('frame-ancestors')).toEqual(["'none'"])
    expect(CSP_META).not.toContain('frame-ancestors')
    expect(`${CSP_META}; frame-ancestors 'none'`).toBe(CSP_HEADER)
  })

  it('is written in the README exactly as vite preview sends it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(readme).toContain(`${name}: ${value}\n`)
  })
})
