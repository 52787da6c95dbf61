/**
 * Hand-made ZIP files and workbooks for the reader's safety tests: sizes in
 * the ZIP directory can be made to lie, entries multiplied, and any XML put
 * in any part — what a crafted file would do.
 */
import { deflateSync } from 'fflate'

export interface CraftEntry {
  name: string
  data: Uint8Array | string
  /** 8 (deflate, default) or 0 (stored). */
  method?: 0 | 8
  /** The uncompressed size written in the ZIP directory; default the true size. */
  declaredSize?: number
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number
}

/** A ZIP archive of `entries` (CRCs are left 0: the studio's reader does not check them). */
export function craftZip(entries: CraftEntry[]): Uint8Array {
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data
    const method = entry.method ?? 8
    const body = method === 8 ? deflateSync(raw) : raw
    const name = new TextEncoder().encode(entry.name)
    const declared = entry.declaredSize ?? raw.length
    const local = new Uint8Array(30 + name.length + body.length)
    const l = new DataView(local.buffer)
    l.setUint32(0, 0x04034b50, true)
    l.setUint16(4, 20, true)
    l.setUint16(6, entry.flags ?? 0, true)
    l.setUint16(8, method, true)
    l.setUint32(18, body.length, true)
    l.setUint32(22, declared, true)
    l.setUint16(26, name.length, true)
    local.set(name, 30)
    local.set(body, 30 + name.length)
    const central = new Uint8Array(46 + name.length)
    const c = new DataView(central.buffer)
    c.setUint32(0, 0x02014b50, true)
    c.setUint16(4, 20, true)
    c.setUint16(6, 20, true)
    c.setUint16(8, entry.flags ?? 0, true)
    c.setUint16(10, method, true)
    c.setUint32(20, body.length, true)
    c.setUint32(24, declared, true)
    c.setUint16(28, name.length, true)
    c.setUint32(42, offset, true)
    central.set(name, 46)
    locals.push(local)
    centrals.push(central)
    offset += local.length
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0)
  const end = new Uint8Array(22)
  const e = new DataView(end.buffer)
  e.setUint32(0, 0x06054b50, true)
  e.setUint16(8, Math.min(entries.length, 0xffff), true)
  e.setUint16(10, Math.min(entries.length, 0xffff), true)
  e.setUint32(12, directorySize, true)
  e.setUint32(16, offset, true)
  const out = new Uint8Array(offset + directorySize + 22)
  let at = 0
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export interface CraftWorkbook {
  /** Sheet name → the XML inside <sheetData> (or, with `raw`, the whole part). */
  sheets: Record<string, string>
  sharedStrings?: string[]
  /** Whole styles part. */
  styles?: string
  /** Override entries (e.g. a sheet part with a lying size). */
  override?: (entries: CraftEntry[]) => CraftEntry[]
  /** Extra XML after </sheetData>, e.g. <mergeCells>. */
  after?: Record<string, string>
  date1904?: boolean
}

/** A minimal valid .xlsx holding the given sheets (written as Excel lays a workbook out). */
export function craftWorkbook(book: CraftWorkbook): Uint8Array {
  const names = Object.keys(book.sheets)
  const entries: CraftEntry[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${book.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>` +
        names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    },
    ...names.map((n, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${book.sheets[n]}</sheetData>${book.after?.[n] ?? ''}</worksheet>`,
    })),
  ]
  if (book.sharedStrings) {
    entries.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0"?><sst xmlns="${MAIN}">${book.sharedStrings.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t>${escapeXml(s)}</t></si>`)).join('')}</sst>`,
    })
  }
  if (book.styles) entries.push({ name: 'xl/styles.xml', data: book.styles })
  return craftZip(book.override ? book.override(entries) : entries)
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
}

/** Inline-string and number cells of one row: `row(2, ['P1', 64])`. */
export function row(number: number, values: (string | number | null)[]): string {
  const cells = values.map((v, i) => {
    const ref = `${String.fromCharCode(65 + i)}${number}`
    if (v === null) return ''
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`
  })
  return `<row r="${number}">${cells.join('')}</row>`
}
