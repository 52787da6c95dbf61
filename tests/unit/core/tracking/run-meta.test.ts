import { describe, expect, it } from 'vitest'
import { checkNote, MAX_NOTE_LENGTH, normalizeTags } from '../../../../src/core/tracking/run-meta'

describe('run tags and note', () => {
  it('trims tags and drops repeats ignoring case, keeping the first spelling', () => {
    expect(normalizeTags([' baseline ', 'Baseline', 'tuned', 'BASELINE'])).toEqual(['baseline', 'tuned'])
    expect(normalizeTags([])).toEqual([])
  })

  it('names the bad tag', () => {
    expect(() => normalizeTags(['ok', '  '])).toThrow('run: tag "" is empty')
    expect(() => normalizeTags(['ok', 3])).toThrow('run: tag 3 is not text')
    expect(() => normalizeTags('baseline')).toThrow('run: tags "baseline" is not a list of text')
    expect(() => normalizeTags(['x'.repeat(41)])).toThrow(/has 41 characters; at most 40/)
    expect(() => normalizeTags(Array.from({ length: 21 }, (_, i) => `t${i}`))).toThrow('run: 21 tags given; at most 20 are allowed')
  })

  it('accepts any note up to the limit', () => {
    expect(checkNote('')).toBe('')
    expect(checkNote('Tried class weights.')).toBe('Tried class weights.')
    expect(() => checkNote(null)).toThrow('run: note null is not text')
    expect(() => checkNote('x'.repeat(MAX_NOTE_LENGTH + 1))).toThrow(/at most 10000/)
  })
})
