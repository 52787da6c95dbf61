/**
 * The small parts of an .xlsx workbook that say how to read a sheet: which
 * sheets there are and where their XML lives (the workbook and its
 * relationships), the shared string table cells point into, and which cell
 * styles are dates. Parsed with the tokenizer in xlsx-xml.ts; every lookup
 * table is a Map or an array, never a plain object keyed by file content.
 */
import { StudioError } from '../../errors'
import { dateFormatKind, type DateFormatKind } from './xlsx-dates'
import type { XlsxLimits } from './xlsx-limits'
import { attribute, decodeOoxmlEscapes, scanXml } from './xlsx-xml'
import { readEntryText, type ZipDirectory } from './xlsx-zip'

/** One worksheet of the workbook, in tab order. */
export interface SheetInfo {
  name: string
  /** Path of its XML part inside the ZIP. */
  path: string
  hidden: boolean
}

/** What reading any sheet of the workbook needs. */
export interface WorkbookInfo {
  /** Worksheets in tab order (chart sheets, which hold no cells, are left out). */
  sheets: SheetInfo[]
  /** True when dates count from 1904 (old Mac workbooks). */
  date1904: boolean
  sharedStrings: string[]
  /** Per cell style index: whether numbers in that style are dates or times. */
  styleDateKinds: DateFormatKind[]
}

interface Relationship {
  type: string
  target: string
}

/** Reads the workbook's structure, shared strings and styles. */
export function readWorkbookInfo(bytes: Uint8Array, zip: ZipDirectory, fileName: string, limits: XlsxLimits): WorkbookInfo {
  const text = (path: string): string | null => {
    const entry = zip.get(path.toLowerCase())
    return entry ? readEntryText(bytes, entry, fileName, limits) : null
  }
  const what = (path: string): string => `part "${path}" of "${fileName}"`

  const rootRels = text('_rels/.rels')
  const officeDocument = rootRels === null ? undefined : [...parseRelationships(rootRels, '', what('_rels/.rels')).values()].find((r) => r.type.endsWith('/officeDocument'))
  const workbookPath = officeDocument?.target ?? 'xl/workbook.xml'
  const workbookXml = text(workbookPath)
  if (workbookXml === null) {
    const kind = zip.has('mimetype') && zip.has('content.xml') ? 'an OpenDocument spreadsheet (.ods)' : 'a ZIP archive'
    throw new StudioError(
      'xlsx-not-workbook',
      `file "${fileName}" is ${kind}, not an Excel workbook (it has no ${workbookPath}); save the sheet as .xlsx or CSV${kind === 'a ZIP archive' ? ', or unzip it and open the data file inside' : ''}`,
    )
  }
  const folder = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : ''
  const relsPath = `${folder}_rels/${workbookPath.slice(folder.length)}.rels`
  const relsXml = text(relsPath)
  const rels = relsXml === null ? new Map<string, Relationship>() : parseRelationships(relsXml, folder, what(relsPath))
  const { sheets: declared, date1904 } = parseWorkbook(workbookXml, what(workbookPath))
  const sheets: SheetInfo[] = []
  for (const sheet of declared) {
    const rel = rels.get(sheet.relationshipId)
    if (!rel || !rel.type.endsWith('/worksheet')) continue
    sheets.push({ name: sheet.name, path: rel.target, hidden: sheet.hidden })
  }
  if (sheets.length === 0) throw new StudioError('xlsx-no-sheets', `xlsx: "${fileName}" has no worksheet (only charts or nothing at all); there is no table to read`)
  const partOf = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target
  const stringsPath = partOf('/sharedStrings')
  const stylesPath = partOf('/styles')
  const stringsXml = stringsPath ? text(stringsPath) : null
  const stylesXml = stylesPath ? text(stylesPath) : null
  return {
    sheets,
    date1904,
    sharedStrings: stringsXml === null ? [] : parseSharedStrings(stringsXml, what(stringsPath as string)),
    styleDateKinds: stylesXml === null ? [] : parseStyleDateKinds(stylesXml, what(stylesPath as string)),
  }
}

/** Relationships by id, with targets resolved to paths inside the ZIP (relative to `folder`). */
function parseRelationships(xml: string, folder: string, what: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>()
  scanXml(
    xml,
    {
      open(name, attributes) {
        if (name !== 'Relationship' || attribute(attributes, 'TargetMode') === 'External') return
        const id = attribute(attributes, 'Id')
        const target = attribute(attributes, 'Target')
        if (id && target) rels.set(id, { type: attribute(attributes, 'Type') ?? '', target: resolvePath(folder, target) })
      },
      close() {},
      text() {},
      wantsText: () => false,
    },
    what,
  )
  return rels
}

/** "worksheets/sheet1.xml" in "xl/" → "xl/worksheets/sheet1.xml"; "/xl/x.xml" → "xl/x.xml"; ".." steps up. */
function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/')
  const out: string[] = []
  for (const part of parts) {
    if (part === '..') out.pop()
    else if (part !== '.' && part !== '') out.push(part)
  }
  return out.join('/')
}

function parseWorkbook(xml: string, what: string): { sheets: { name: string; relationshipId: string; hidden: boolean }[]; date1904: boolean } {
  const sheets: { name: string; relationshipId: string; hidden: boolean }[] = []
  let date1904 = false
  scanXml(
    xml,
    {
      open(name, attributes) {
        if (name === 'workbookPr') {
          const flag = attribute(attributes, 'date1904')
          date1904 = flag === '1' || flag === 'true'
        } else if (name === 'sheet') {
          const sheetName = attribute(attributes, 'name')
          const relationshipId = attribute(attributes, 'id')
          const state = attribute(attributes, 'state')
          if (sheetName !== undefined && relationshipId) sheets.push({ name: sheetName, relationshipId, hidden: state === 'hidden' || state === 'veryHidden' })
        }
      },
      close() {},
      text() {},
      wantsText: () => false,
    },
    what,
  )
  return { sheets, date1904 }
}

/**
 * The shared string table: one entry per <si>, the text of its <t> elements
 * (plain, or the runs of rich text) with phonetic guides (<rPh>) left out.
 */
export function parseSharedStrings(xml: string, what: string): string[] {
  const strings: string[] = []
  let current: string[] | null = null
  let inText = false
  let phonetic = 0
  scanXml(
    xml,
    {
      open(name, _attributes, selfClosing) {
        if (name === 'si') {
          if (selfClosing) strings.push('')
          else current = []
        } else if (name === 'rPh') {
          if (!selfClosing) phonetic++
        } else if (name === 't' && !selfClosing) {
          inText = true
        }
      },
      close(name) {
        if (name === 'si' && current) {
          strings.push(decodeOoxmlEscapes(current.join('')))
          current = null
        } else if (name === 'rPh') {
          phonetic--
        } else if (name === 't') {
          inText = false
        }
      },
      text(value) {
        current?.push(value)
      },
      wantsText: () => inText && phonetic === 0 && current !== null,
    },
    what,
  )
  return strings
}

/** Per cell style (<cellXfs>/<xf>, in order): the date kind of its number format. */
export function parseStyleDateKinds(xml: string, what: string): DateFormatKind[] {
  const formatCodes = new Map<number, string>()
  const kinds: DateFormatKind[] = []
  let inCellXfs = false
  scanXml(
    xml,
    {
      open(name, attributes, selfClosing) {
        if (name === 'numFmt') {
          const id = Number(attribute(attributes, 'numFmtId'))
          const code = attribute(attributes, 'formatCode')
          if (Number.isInteger(id) && code !== undefined) formatCodes.set(id, code)
        } else if (name === 'cellXfs') {
          inCellXfs = !selfClosing
        } else if (name === 'xf' && inCellXfs) {
          const id = Number(attribute(attributes, 'numFmtId') ?? 0)
          kinds.push(dateFormatKind(id, formatCodes.get(id)))
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false
      },
      text() {},
      wantsText: () => false,
    },
    what,
  )
  return kinds
}
