import { describe, expect, it } from 'vitest'
import { tableBuffers } from '../../../../src/core/table/access'
import { Float64Slab } from '../../../../src/core/table/column-slab'
import type { Table } from '../../../../src/core/types'

describe('Float64Slab', () => {
  it('carves zero-filled columns of one length from one buffer, side by side and not overlapping', () => {
    const slab = new Float64Slab(100, 3)
    const [a, b, c] = [slab.next(), slab.next(), slab.next()]
    expect([a.length, b.length, c.length]).toEqual([100, 100, 100])
    expect(a.buffer).toBe(b.buffer)
    expect(b.buffer).toBe(c.buffer)
    expect([a.byteOffset, b.byteOffset, c.byteOffset]).toEqual([0, 800, 1600])
    a.fill(1)
    c.fill(3)
    expect(b.every((v) => v === 0)).toBe(true)
    expect([a[99], c[0]]).toEqual([1, 3])
  })

  it('gives a column its own buffer once the slab is used up, for a single column, and above the slab size', () => {
    const slab = new Float64Slab(10, 2)
    const first = slab.next()
    slab.next()
    expect(slab.next().buffer).not.toBe(first.buffer)
    const single = new Float64Slab(10, 1)
    expect(single.next().buffer.byteLength).toBe(80)
    const huge = new Float64Slab(1_000_000, 2)
    const [x, y] = [huge.next(), huge.next()]
    expect(x.buffer).not.toBe(y.buffer)
    expect(x.buffer.byteLength).toBe(8_000_000)
  })

  it('lets tableBuffers list a shared buffer once, so a worker transfer does not fail on a duplicate', () => {
    const slab = new Float64Slab(4, 2)
    const own = new Int32Array(4)
    const table: Table = {
      name: 't',
      rowCount: 4,
      columns: [
        { name: 'a', type: 'number', values: slab.next() },
        { name: 'b', type: 'number', values: slab.next() },
        { name: 'c', type: 'category', codes: own, levels: [] },
      ],
    }
    const buffers = tableBuffers(table)
    expect(buffers.length).toBe(2)
    expect(buffers[1]).toBe(own.buffer)
    // structuredClone with a transfer list is what Comlink.transfer does across a worker boundary.
    const moved = structuredClone(table, { transfer: buffers })
    expect(moved.columns.map((c) => (c.type === 'number' ? c.values.length : c.codes.length))).toEqual([4, 4, 4])
  })
})
