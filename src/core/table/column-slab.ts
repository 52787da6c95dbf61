/**
 * Many Float64 columns of one length carved from one buffer. V8 gives every
 * typed array over 64 bytes an off-heap buffer of its own, which costs about
 * 0.6 µs to allocate: for a 100-row request through a 32-column pipeline that
 * was a third of the transform. A column carved from a shared buffer costs a
 * view. Columns over SLAB_BYTES in total keep their own buffers: there the
 * allocation is noise beside the work, and one huge buffer is harder to place.
 * Columns share a buffer, so transfer a table's columns with tableBuffers
 * (which lists each buffer once), never one column's buffer alone.
 */
const SLAB_BYTES = 1 << 20

export class Float64Slab {
  private readonly buffer: ArrayBuffer | null
  private offset = 0

  /** Room for `count` columns of `length` values. */
  constructor(
    private readonly length: number,
    count: number,
  ) {
    const bytes = length * 8 * count
    this.buffer = count > 1 && length > 0 && bytes <= SLAB_BYTES ? new ArrayBuffer(bytes) : null
  }

  /** A zero-filled column of `length` values (its own buffer once the slab is used up). */
  next(): Float64Array {
    const bytes = this.length * 8
    if (this.buffer === null || this.offset + bytes > this.buffer.byteLength) return new Float64Array(this.length)
    const column = new Float64Array(this.buffer, this.offset, this.length)
    this.offset += bytes
    return column
  }
}
