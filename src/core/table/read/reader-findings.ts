/**
 * What a file reader changed or noticed — a renamed header, numbers read with
 * a decimal comma, a suspected wrong separator, a chosen sheet — turned into
 * the dataset profile's warnings, so the Data page and `npm run profile` show
 * them with the other findings. Readers return every message in
 * `warnings: string[]`; those that know more also return structured
 * `findings` with a kind. Plain messages get their kind here: the header
 * renames of uniqueColumnNames and the CSV reader's findings are recognised
 * by their wording (defined beside them), so a reader that wraps another and
 * passes on only `warnings` loses nothing but the column lists; anything else
 * is a general 'reader' finding.
 */
import { BLANK_HEADER_MESSAGE, DUPLICATE_HEADER_MESSAGE } from '../column-builder'
import { SINGLE_COLUMN_MESSAGE } from './csv'
import { DECIMAL_COMMA_MESSAGE, MIXED_DECIMAL_MESSAGE } from './csv-numbers'
import type { ProfileWarning } from '../profile/profile-warnings'

export type ReaderFindingKind = 'renamed-column' | 'decimal-comma' | 'mixed-decimal' | 'single-column' | 'reader'

/** One thing a reader changed or noticed; `columns` names the columns it concerns, when known. */
export interface ReaderFinding {
  kind: ReaderFindingKind
  severity: 'info' | 'warning'
  message: string
  columns?: string[]
}

/**
 * Every reader message once, in the reader's order: the structured finding
 * for a message when there is one, otherwise a finding of the kind its
 * wording shows. Structured findings whose message is not among `warnings`
 * come last. Running it again on its own output changes nothing.
 */
export function readerFindings(warnings: readonly string[], structured: readonly ReaderFinding[] = []): ReaderFinding[] {
  const byMessage = new Map(structured.map((f) => [f.message, f]))
  const out: ReaderFinding[] = []
  const seen = new Set<string>()
  for (const message of [...warnings, ...structured.map((f) => f.message)]) {
    if (seen.has(message)) continue
    seen.add(message)
    out.push(byMessage.get(message) ?? classify(message))
  }
  return out
}

function classify(message: string): ReaderFinding {
  const duplicate = DUPLICATE_HEADER_MESSAGE.exec(message)
  if (duplicate) return { kind: 'renamed-column', severity: 'warning', message, columns: [duplicate[1]] }
  const blank = BLANK_HEADER_MESSAGE.exec(message)
  if (blank) return { kind: 'renamed-column', severity: 'info', message, columns: [blank[1]] }
  // The CSV reader's own findings, should a wrapper (gzip, …) pass on only its messages.
  if (DECIMAL_COMMA_MESSAGE.test(message)) return { kind: 'decimal-comma', severity: 'info', message }
  if (MIXED_DECIMAL_MESSAGE.test(message)) return { kind: 'mixed-decimal', severity: 'warning', message }
  if (SINGLE_COLUMN_MESSAGE.test(message)) return { kind: 'single-column', severity: 'warning', message }
  return { kind: 'reader', severity: 'warning', message }
}

/** The findings as profile warnings, keeping their kind; a finding about one column names it. */
export function readerWarnings(findings: readonly ReaderFinding[]): ProfileWarning[] {
  return findings.map((f) => ({
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    ...(f.columns?.length === 1 ? { column: f.columns[0] } : {}),
  }))
}
