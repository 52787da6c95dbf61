import { describe, expect, it } from 'vitest'
import { decimalStyle, isUnitText, parseCommaNumber, parseCompound, parsePlainNumber, parseWithUnit, splitUnit } from '../../../../src/core/table/number-text'

describe('parseCommaNumber', () => {
  it.each([
    ['3,5', 3.5],
    ['-0,25', -0.25],
    ['+12', 12],
    ['1.234,5', 1234.5],
    ['1.000.000,5', 1000000.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234', 1234],
    ['12\u202f345\u202f678,9', 12345678.9],
    ['1,5e-3', 0.0015],
    ['1.234', 1234],
  ])('reads %j as %d', (text, value) => {
    expect(parseCommaNumber(text)).toBe(value)
  })

  it.each(['3.5', '1,234.5', '12.34,5', '1.23', '1 234.5', '1.234 567', ',5', '3,', 'kg', '', '1..234'])('does not read %j', (text) => {
    expect(parseCommaNumber(text)).toBeNaN()
  })
})

describe('parsePlainNumber', () => {
  it('reads what the CSV reader always read, and not a decimal comma', () => {
    expect([parsePlainNumber(' 3.5 '), parsePlainNumber('.5'), parsePlainNumber('1e3'), parsePlainNumber('-7')]).toEqual([3.5, 0.5, 1000, -7])
    expect(parsePlainNumber('3,5')).toBeNaN()
  })
})

describe('decimalStyle', () => {
  const style = (texts: string[]) => decimalStyle(texts).style
  it('says comma only when some value needs it and none needs a point', () => {
    expect(style(['3,5', '4', '10,25'])).toBe('comma')
    expect(style(['3.5', '4'])).toBe('point')
    expect(style(['3', '4'])).toBeNull()
    expect(style(['3.5', '3,5'])).toBe('mixed')
  })

  it('accepts "1.234" as grouping only when another value proves "." groups digits', () => {
    expect(style(['1.234', '3,5'])).toBe('mixed')
    expect(style(['1.234', '3,5', '2.500,75'])).toBe('comma')
    expect(style(['1.234', '1.234.567'])).toBe('comma')
  })

  it('refuses two kinds of digit grouping in one column', () => {
    expect(style(['1.234,5', '1 234,5'])).toBe('mixed')
    expect(style(['1\u202f234,5', '1 234,5'])).toBe('comma')
  })

  it('weights texts by their cell counts and keeps an example of each kind', () => {
    const { counts } = decimalStyle(['3,5', '7', 'n/k', '1.25'], [4, 2, 1, 3])
    expect(counts).toMatchObject({ comma: 4, neutral: 2, other: 1, point: 3 })
    expect(counts.examples).toEqual({ comma: '3,5', other: 'n/k', point: '1.25' })
  })
})

describe('units', () => {
  it.each([
    ['70 kg', { value: '70', unit: 'kg' }],
    ['70kg', { value: '70', unit: 'kg' }],
    ['6%', { value: '6', unit: '%' }],
    ['120/80 mmHg', { value: '120/80', unit: 'mmHg' }],
    ['5,5 mg/dL', { value: '5,5', unit: 'mg/dL' }],
    ['37.2 °C', { value: '37.2', unit: '°C' }],
    ['1.5e3 g', { value: '1.5e3', unit: 'g' }],
  ])('splits %j', (text, expected) => {
    expect(splitUnit(text)).toEqual(expected)
  })

  it.each(['70', '1e5', 'P001', 'kg', 'stage IV', `5 ${'x'.repeat(30)}`])('finds no unit in %j', (text) => {
    expect(splitUnit(text)).toBeNull()
  })

  it('strips a unit ignoring case; a bare number reads as itself; another unit fails', () => {
    expect(parseWithUnit('70 KG', 'kg', false)).toEqual({ value: 70, hadUnit: true })
    expect(parseWithUnit('70,5kg', 'kg', true)).toEqual({ value: 70.5, hadUnit: true })
    expect(parseWithUnit('72', 'kg', false)).toEqual({ value: 72, hadUnit: false })
    expect(parseWithUnit('154 lb', 'kg', false).value).toBeNaN()
    expect(parseWithUnit('70 kg', 'g', false).value).toBeNaN()
    expect(parseWithUnit('6%', '%', false).value).toBe(6)
  })

  it('knows a unit text when it sees one', () => {
    expect(['kg', '%', 'mg/dL', 'mmHg', 'years'].every(isUnitText)).toBe(true)
    expect(['', ' kg', '5kg', 'x'.repeat(25)].some(isUnitText)).toBe(false)
  })
})

describe('parseCompound', () => {
  it('splits into exactly the asked number of numbers', () => {
    expect(parseCompound('120/80', '/', 2)).toEqual([120, 80])
    expect(parseCompound(' 120 / 80 mmHg', '/', 2, { unit: 'mmHg' })).toEqual([120, 80])
    expect(parseCompound('12,5/8', '/', 2, { decimalComma: true })).toEqual([12.5, 8])
    expect(parseCompound('120/80/60', '/', 2)).toBeNull()
    expect(parseCompound('120/', '/', 2)).toBeNull()
    expect(parseCompound('120', '/', 2)).toBeNull()
  })
})

describe('parseCommaNumber is exact', () => {
  it('gives the same double as Number() on the decimal-point spelling, for 50,000 seeded values', () => {
    let seed = 7
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let k = 0; k < 50_000; k++) {
      const whole = String(Math.floor(rand() * 10 ** Math.floor(rand() * 9)))
      const decimals = Math.floor(rand() * 8)
      const fraction = Array.from({ length: decimals }, () => Math.floor(rand() * 10)).join('')
      const sign = rand() < 0.2 ? '-' : ''
      const point = `${sign}${whole}${decimals ? `.${fraction}` : ''}`
      expect(parseCommaNumber(point.replace('.', ','))).toBe(Number(point))
    }
    // Beyond 15 digits the general path (Number on the rewritten text) takes over.
    expect(parseCommaNumber('1234567890,1234567')).toBe(1234567890.1234567)
    expect(Object.is(parseCommaNumber('-0,0'), -0)).toBe(true)
  })
})
