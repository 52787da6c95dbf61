/**
 * The few WebAssembly JS API members the histogram kernel uses, typed here
 * because core is type-checked without the DOM library (where TypeScript
 * declares WebAssembly). The object itself is the ECMAScript-embedding global
 * that Node, browsers and workers all provide.
 */

/** A compiled module: opaque, and structured-cloneable to other threads. */
export interface WasmModule {
  readonly __wasmModule?: never
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer
}

interface WasmInstance {
  readonly exports: Record<string, unknown>
}

interface WasmApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean
  Module: new (bytes: Uint8Array<ArrayBuffer>) => WasmModule
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory
}

/** The global WebAssembly object, or null where there is none. */
export function webAssembly(): WasmApi | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  return typeof api === 'object' && api !== null ? api : null
}

/** Blocks laid out one after another in a memory, each aligned to 16 bytes: `take` returns a block's address, `bytes` the end so far. */
export class MemoryLayout {
  bytes = 0
  take(size: number): number {
    const at = this.bytes
    this.bytes = (at + size + 15) & ~15
    return at
  }
}
