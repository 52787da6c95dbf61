/**
 * Which tfjs backend the neural net trains on is the adapter's choice, not
 * core's: the page's training workers pick webgpu → wasm → cpu
 * (workers/tfjs-backend.ts) before calling fit, and Node's entry points
 * register src/node/tfjs-wasm.ts here, because loading the WebAssembly
 * binaries needs Node's file APIs, which core may not import. trainNetwork
 * awaits the registered setup once before its first fit; with none registered
 * (vitest, a library caller) tfjs keeps whatever backend is active — in Node
 * its pure-JS 'cpu'.
 */

/** Makes a tfjs backend active and resolves with the name of the one that runs. */
export type TfjsBackendSetup = () => Promise<string>

let setup: TfjsBackendSetup | null = null
let started: Promise<string> | null = null

/** Registers (or, with null, removes) the setup the next neural-net fit runs first; it runs once per registration. */
export function useTfjsBackendSetup(next: TfjsBackendSetup | null): void {
  setup = next
  started = null
}

/** Runs the registered setup (once; later calls share its answer), or resolves null when none is registered. */
export function prepareTfjsBackend(): Promise<string | null> {
  if (!setup) return Promise.resolve(null)
  started ??= setup()
  return started
}
