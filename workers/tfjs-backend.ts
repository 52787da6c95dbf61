/**
 * Chooses the tfjs backend a training worker runs the neural net on: WebGPU
 * on a hardware GPU, else WebAssembly, else tfjs' plain-JS 'cpu'. Import this
 * module lazily (only for 'mlp' runs) so other families never load tfjs or its
 * backends.
 *
 * Measured on this machine (shared/NOTES.md): setBackend('webgpu') resolves
 * false when there is no adapter; the threaded wasm build hangs, so
 * multithreading is switched off; the wasm binaries are emitted by Vite
 * (`?url`) and served from the studio's own origin, never a CDN. Headless
 * Chromium with --enable-unsafe-webgpu offers only SwiftShader, a software
 * GPU on which the Parkinson fit took 45 s against 3 s on wasm, so by default
 * a software adapter is passed over for wasm.
 */
import * as tf from '@tensorflow/tfjs'
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'

export type TfjsBackendName = 'webgpu' | 'wasm' | 'cpu'

/** Fastest first; each step falls back to the next when it cannot start. */
const ORDER: TfjsBackendName[] = ['webgpu', 'wasm', 'cpu']

/** The little of WebGPU this module reads (TypeScript's DOM library has no WebGPU types). */
interface GpuProbe {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: { isFallbackAdapter?: boolean; architecture?: string } } | null>
}

/**
 * Whether a WebGPU adapter exists, and whether it is a real GPU. Asked before
 * importing the webgpu backend, so a browser without one downloads nothing.
 */
async function probeWebGpu(): Promise<'none' | 'software' | 'hardware'> {
  const gpu = (globalThis.navigator as { gpu?: GpuProbe } | undefined)?.gpu
  const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }) : null
  if (!adapter) return 'none'
  // Chromium's SwiftShader fallback (headless, --enable-unsafe-webgpu) reports isFallbackAdapter / architecture 'swiftshader'.
  return adapter.info?.isFallbackAdapter === true || /swiftshader/i.test(adapter.info?.architecture ?? '') ? 'software' : 'hardware'
}

/**
 * Registers a backend's kernels (a module side effect) and prepares it; false
 * when it cannot be used here. `acceptSoftwareGpu` lets webgpu run on a CPU
 * emulation of a GPU, which trained the Parkinson sample 15× slower than wasm.
 */
const REGISTER: Record<TfjsBackendName, (acceptSoftwareGpu: boolean) => Promise<string | null>> = {
  webgpu: async (acceptSoftwareGpu) => {
    const adapter = await probeWebGpu()
    if (adapter === 'none') return 'no WebGPU adapter'
    if (adapter === 'software' && !acceptSoftwareGpu) return 'only a software (fallback) WebGPU adapter, slower than wasm'
    await import('@tensorflow/tfjs-backend-webgpu')
    return tf.findBackendFactory('webgpu') !== null ? null : 'the webgpu backend did not register'
  },
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm')
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      // Never fetched with multithreading off, but setWasmPaths requires every binary's path.
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
    })
    return null
  },
  cpu: async () => null,
}

let wasmPathsSet = false

/** Registers a backend, resolving with why it cannot be used or null when it can. */
async function register(name: TfjsBackendName, acceptSoftwareGpu: boolean): Promise<string | null> {
  // setWasmPaths throws once the wasm backend has started: configure it only once.
  if (name === 'wasm' && wasmPathsSet) return null
  const problem = await REGISTER[name](acceptSoftwareGpu)
  if (name === 'wasm' && problem === null) wasmPathsSet = true
  return problem
}

let selection: { key: string; result: Promise<string> } | null = null

/**
 * Starts the first tfjs backend that works and resolves with the name of the
 * backend now active (record it: FitReport.backend reads it back).
 * - no argument: webgpu on a hardware GPU, else wasm, else cpu;
 * - 'webgpu': webgpu on any adapter, software emulation included, then wasm, cpu;
 * - 'wasm': wasm, else cpu; 'cpu': tfjs' plain-JS backend, reproducible bit for bit.
 * Calls with the same argument share the first call's answer.
 */
export function selectTfjsBackend(preferred?: TfjsBackendName): Promise<string> {
  if (preferred !== undefined && !ORDER.includes(preferred)) {
    return Promise.reject(new Error(`tfjs backend: preferred = ${JSON.stringify(preferred)} is invalid; expected one of ${ORDER.join(', ')}`))
  }
  const key = preferred ?? 'auto'
  if (selection?.key !== key) selection = { key, result: trySelect(ORDER.slice(ORDER.indexOf(preferred ?? 'webgpu')), preferred === 'webgpu') }
  return selection.result
}

async function trySelect(candidates: TfjsBackendName[], acceptSoftwareGpu: boolean): Promise<string> {
  const failures: string[] = []
  for (const name of candidates) {
    try {
      const problem = await register(name, acceptSoftwareGpu)
      if (problem !== null) {
        failures.push(`${name}: ${problem}`)
        continue
      }
      // setBackend resolves false (it does not throw) when the backend fails to initialise.
      if (await tf.setBackend(name)) {
        await tf.ready()
        return tf.getBackend()
      }
      failures.push(`${name}: failed to initialise`)
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  throw new Error(`tfjs backend: none of ${candidates.join(', ')} could start (${failures.join('; ')})`)
}
