/** A typed array of the same kind holding `old`'s values in a new length (node arrays that grow as trees do). */
export function resized<T extends Int32Array | Float64Array | Float32Array | Uint8Array | Uint16Array>(old: T, length: number): T {
  const next = new (old.constructor as new (n: number) => T)(length)
  next.set(old.length <= length ? old : (old.subarray(0, length) as T))
  return next
}
