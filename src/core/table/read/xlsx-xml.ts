/**
 * A small streaming XML tokenizer for the parts of an .xlsx workbook. It
 * knows tags, attributes, text and CDATA, skips comments and processing
 * instructions, decodes only XML's five named entities and numeric character
 * references, and refuses any DTD (<!DOCTYPE …>, <!ENTITY …>): a workbook
 * never needs one, and DTDs are how "billion laughs" and external-entity
 * attacks reach XML readers. Text arrives in chunks (a sheet is inflated
 * piece by piece), so a tag split across two chunks waits for the next one.
 */
import { StudioError } from '../../errors'

/** Receives tokens. Names are local names: a namespace prefix ("x:c") is dropped. */
export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void
  close(name: string): void
  /** Decoded character data; called only while `wantsText()` is true, so whitespace between tags costs nothing. */
  text(value: string): void
  wantsText(): boolean
}

/** An unfinished tag or text run longer than this is not a workbook (Excel caps a cell at 32,767 characters). */
const MAX_PENDING = 4 * 1024 * 1024

export class XmlStream {
  private buffer = ''

  /** `what` names the part in error messages, e.g. `part "xl/worksheets/sheet1.xml" of "book.xlsx"`. */
  constructor(
    private readonly handler: XmlHandler,
    private readonly what: string,
  ) {}

  /** Tokenizes `chunk`; with `final`, the input ends here and an unfinished tag is an error. */
  push(chunk: string, final = false): void {
    const text = this.buffer.length > 0 ? this.buffer + chunk : chunk
    const handler = this.handler
    const n = text.length
    let pos = 0
    while (pos < n) {
      if (text.charCodeAt(pos) !== 60 /* < */) {
        const next = text.indexOf('<', pos)
        if (next < 0 && !final) break
        const end = next < 0 ? n : next
        if (handler.wantsText()) handler.text(decodeXml(text.slice(pos, end)))
        pos = end
        continue
      }
      const c = text.charCodeAt(pos + 1)
      if (c === 47 /* / */) {
        const end = text.indexOf('>', pos)
        if (end < 0) break
        handler.close(localName(text.slice(pos + 2, end).trim()))
        pos = end + 1
      } else if (c === 63 /* ? */) {
        const end = text.indexOf('?>', pos)
        if (end < 0) break
        pos = end + 2
      } else if (c === 33 /* ! */) {
        if (text.startsWith('<!--', pos)) {
          const end = text.indexOf('-->', pos + 4)
          if (end < 0) break
          pos = end + 3
        } else if (text.startsWith('<![CDATA[', pos)) {
          const end = text.indexOf(']]>', pos + 9)
          if (end < 0) break
          if (handler.wantsText()) handler.text(text.slice(pos + 9, end))
          pos = end + 3
        } else if (n - pos < 9 && !final) {
          break // too short to tell a comment or CDATA from a declaration yet
        } else {
          throw new StudioError(
            'xlsx-dtd',
            `xlsx: ${this.what} contains a DTD or entity declaration ("${text.slice(pos, pos + 12)}…"); workbooks never need one and it is a known way to attack XML readers, so the file is refused`,
          )
        }
      } else if (pos + 1 >= n) {
        break
      } else {
        const end = tagEnd(text, pos + 1)
        if (end < 0) break
        const selfClosing = text.charCodeAt(end - 1) === 47
        const close = selfClosing ? end - 1 : end
        const space = nameEnd(text, pos + 1, close)
        handler.open(localName(text.slice(pos + 1, space)), space < close ? text.slice(space, close) : '', selfClosing)
        pos = end + 1
      }
    }
    this.buffer = pos < n ? text.slice(pos) : ''
    if (this.buffer.length > MAX_PENDING) {
      throw new StudioError('xlsx-xml-invalid', `xlsx: ${this.what} has a tag or text run longer than ${MAX_PENDING / 1024 / 1024} MiB; it is not a valid workbook part`)
    }
    if (final && this.buffer.length > 0) {
      throw new StudioError('xlsx-xml-invalid', `xlsx: ${this.what} ends inside a tag ("${this.buffer.slice(0, 20)}…"); the file may be truncated or damaged`)
    }
  }
}

/** Tokenizes a whole part held as one string. */
export function scanXml(text: string, handler: XmlHandler, what: string): void {
  new XmlStream(handler, what).push(text, true)
}

/** Index of the ">" closing a tag that starts before `from`, skipping ">" inside quoted attribute values; -1 if not in `text` yet. */
function tagEnd(text: string, from: number): number {
  let quote = 0
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === 62 /* > */) {
      return i
    } else if (c === 34 || c === 39) {
      quote = c
    }
  }
  return -1
}

/** Index of the first whitespace in text[from, to), or `to`. */
function nameEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 32 || c === 9 || c === 10 || c === 13) return i
  }
  return to
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/**
 * The value of attribute `name` (a local name: "id" finds "r:id") in the raw
 * attribute text of a tag, decoded; undefined when absent.
 */
export function attribute(attributes: string, name: string): string | undefined {
  let from = 0
  while (from < attributes.length) {
    const at = attributes.indexOf(name, from)
    if (at < 0) return undefined
    from = at + name.length
    const before = at === 0 ? 32 : attributes.charCodeAt(at - 1)
    // The name must stand alone: preceded by whitespace or a namespace colon, followed by "=".
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) continue
    let i = from
    while (i < attributes.length && attributes.charCodeAt(i) <= 32) i++
    if (attributes.charCodeAt(i) !== 61 /* = */) continue
    i++
    while (i < attributes.length && attributes.charCodeAt(i) <= 32) i++
    const quote = attributes[i]
    if (quote !== '"' && quote !== "'") continue
    const close = attributes.indexOf(quote, i + 1)
    if (close < 0) return undefined
    return decodeXml(attributes.slice(i + 1, close))
  }
  return undefined
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.freeze({ __proto__: null, lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as unknown as Record<string, string>)

/** Decodes the five XML entities and numeric character references; anything else is left as written, never expanded. */
export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0) return text
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, body: string) => {
    if (body.charCodeAt(0) !== 35 /* # */) return NAMED_ENTITIES[body] ?? whole
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** Decodes OOXML's escapes for characters XML cannot hold ("_x000D_" is a carriage return, "_x005F_" an underscore). */
export function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
