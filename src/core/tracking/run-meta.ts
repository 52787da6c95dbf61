import { quote, trackingError } from './checks'

/**
 * Rules for what the user writes on a run: tags and a note. Tags are short
 * labels used to filter and compare runs, so they are trimmed, de-duplicated
 * (ignoring case, first spelling kept) and limited in length and number.
 */

export const MAX_TAG_LENGTH = 40
export const MAX_TAGS = 20
/** A note is a paragraph or two, not a document: 10,000 characters. */
export const MAX_NOTE_LENGTH = 10_000

/** Checks and tidies a run's tags; the error names the bad tag. */
export function normalizeTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw trackingError('run-meta-invalid', 'run', `tags ${quote(tags)} is not a list of text`)
  const seen = new Set<string>()
  const result: string[] = []
  for (const tag of tags) {
    if (typeof tag !== 'string') throw trackingError('run-meta-invalid', 'run', `tag ${quote(tag)} is not text`)
    const text = tag.trim()
    if (text === '') throw trackingError('run-meta-invalid', 'run', 'tag "" is empty; remove it or give it a name')
    if (text.length > MAX_TAG_LENGTH) throw trackingError('run-meta-invalid', 'run', `tag ${quote(text)} has ${text.length} characters; at most ${MAX_TAG_LENGTH} are allowed`)
    const key = text.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    result.push(text)
  }
  if (result.length > MAX_TAGS) throw trackingError('run-meta-invalid', 'run', `${result.length} tags given; at most ${MAX_TAGS} are allowed`)
  return result
}

/** Checks a run's note. */
export function checkNote(note: unknown): string {
  if (typeof note !== 'string') throw trackingError('run-meta-invalid', 'run', `note ${quote(note)} is not text`)
  if (note.length > MAX_NOTE_LENGTH) throw trackingError('run-meta-invalid', 'run', `note has ${note.length} characters; at most ${MAX_NOTE_LENGTH} are allowed`)
  return note
}
