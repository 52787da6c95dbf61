/**
 * The tfjs backend the neural net trains on in Node (CLI commands, the
 * pipeline runner, the engine bench): WebAssembly, as in the page, instead of
 * tfjs' pure-JS 'cpu' backend that Node gets by default. Registered with
 * core's tfjs-setup.ts, so nothing is loaded until a neural net is fitted.
 *
 * What tfjs-backend-wasm 4.22 does in Node (measured here, Node 20): the .wasm
 * binary is read from node_modules with `fs` (no network), the SIMD build is
 * chosen when WebAssembly.validate accepts SIMD (Node 20 does). The threaded
 * build is never used: tfjs reports WASM_HAS_MULTITHREAD_SUPPORT false under
 * Node (tfjs issue #3830), and forcing it true fails with ERR_WORKER_PATH
 * (emscripten starts its pthread workers from a blob: URL, which Node's
 * worker_threads refuses). The page runs single-threaded too
 * (workers/tfjs-backend.ts: the threaded build hangs in Chromium here), so
 * both run the same binary on one thread and give the same weights.
 *
 * STUDIO_TFJS_BACKEND=cpu selects the pure-JS backend instead (the models
 * trained before wasm came to Node were fitted on it). When wasm cannot start,
 * training falls back to cpu with a note on stderr rather than failing.
 */
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { StudioError } from '../core/errors'
import { useTfjsBackendSetup } from '../core/model/mlp/tfjs-setup'

export type NodeTfjsBackend = 'wasm' | 'cpu'

/** Environment variable that picks the backend: wasm (default) or cpu. */
export const TFJS_BACKEND_ENV = 'STUDIO_TFJS_BACKEND'

const BACKENDS: NodeTfjsBackend[] = ['wasm', 'cpu']

/** The backend STUDIO_TFJS_BACKEND asks for (wasm when unset); another value throws naming it. */
export function requestedTfjsBackend(env: Record<string, string | undefined> = process.env): NodeTfjsBackend {
  const value = env[TFJS_BACKEND_ENV]?.trim().toLowerCase()
  if (value === undefined || value === '') return 'wasm'
  if ((BACKENDS as string[]).includes(value)) return value as NodeTfjsBackend
  throw new StudioError('bad-tfjs-backend', `tfjs backend: ${TFJS_BACKEND_ENV} = ${JSON.stringify(env[TFJS_BACKEND_ENV])} is not a backend; expected one of ${BACKENDS.join(', ')} (or leave it unset for wasm)`)
}

/** The directory holding tfjs-backend-wasm's .wasm binaries, resolved from this project's node_modules. */
export function wasmBinaryDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + '/'
}

let wasmPathsSet = false

export interface NodeTfjsOptions {
  /** wasm (the default) or cpu. */
  preferred?: NodeTfjsBackend
  /** Gets the one-line note when wasm cannot start; stderr by default. */
  warn?: (text: string) => void
  /** Where the .wasm binaries are; tfjs-backend-wasm's dist directory by default (tests point it elsewhere). */
  wasmDirectory?: string
}

/**
 * Makes the preferred backend the active one and resolves with the name of
 * the one that runs: 'wasm', or 'cpu' when asked for or when wasm cannot start
 * (then `warn` gets one line saying why and what it costs).
 */
export async function startNodeTfjsBackend(options: NodeTfjsOptions = {}): Promise<string> {
  const { preferred = 'wasm', warn = (text: string) => void process.stderr.write(text) } = options
  const tf = await import('@tensorflow/tfjs')
  if (preferred === 'wasm') {
    let problem: string
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      // setWasmPaths throws once the backend has started, so only the first call sets it.
      if (!wasmPathsSet) {
        // A directory prefix: tfjs appends the file name of the build it picks (plain or SIMD).
        wasm.setWasmPaths(options.wasmDirectory ?? wasmBinaryDirectory())
        wasmPathsSet = true
      }
      // setBackend resolves false (tfjs logs the cause) rather than throwing when the backend fails to initialise.
      if (await tf.setBackend('wasm')) {
        await tf.ready()
        return tf.getBackend()
      }
      problem = 'it failed to initialise'
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error)
    }
    warn(`tfjs: the WebAssembly (wasm) backend could not start (${problem}); training the neural net on tfjs' pure-JavaScript cpu backend instead, several times slower\n`)
  }
  await tf.setBackend('cpu')
  await tf.ready()
  return tf.getBackend()
}

/**
 * Registers the Node backend choice with core: the first neural-net fit in
 * this process starts the backend STUDIO_TFJS_BACKEND names (wasm by
 * default). Call once at a Node entry point; cheap, as nothing loads until a
 * neural net is fitted. Throws when STUDIO_TFJS_BACKEND is not a backend.
 */
export function useNodeTfjsBackend(env: Record<string, string | undefined> = process.env): NodeTfjsBackend {
  const preferred = requestedTfjsBackend(env)
  useTfjsBackendSetup(() => startNodeTfjsBackend({ preferred }))
  return preferred
}
