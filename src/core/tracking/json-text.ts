import { trackingError } from './checks'

/**
 * JSON.parse with messages a person can act on: an empty file, a file cut
 * short (the usual result of an interrupted download or copy) and a syntax
 * error at a line and column, rather than V8's bare "Unexpected token".
 */
export function parseJsonText(text: unknown, domain: string): unknown {
  if (typeof text !== 'string') throw trackingError('json-invalid', domain, `expected the file's text, got ${text === null ? 'null' : typeof text}`)
  if (text.trim() === '') throw trackingError('json-invalid', domain, 'the file is empty')
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const match = /at position (\d+)/.exec(message)
    const position = match ? Number(match[1]) : null
    const end = text.trimEnd().length
    if (/Unexpected end of JSON input/.test(message) || (position !== null && position >= end) || /^Unterminated string/.test(message)) {
      throw trackingError('json-truncated', domain, `the JSON ends early (at character ${position ?? end} of ${text.length}); the file looks truncated: export it again`)
    }
    if (position === null) throw trackingError('json-invalid', domain, `not valid JSON: ${message}`)
    const before = text.slice(0, position)
    const line = before.split('\n').length
    const column = position - before.lastIndexOf('\n')
    throw trackingError('json-invalid', domain, `not valid JSON at line ${line}, column ${column} (position ${position}): ${message.replace(/ in JSON at position \d+.*$/, '')}`)
  }
}
