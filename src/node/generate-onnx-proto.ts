/**
 * `npm run onnx-proto`: compiles ONNX's own schema (proto/onnx-ml.proto,
 * copied unchanged from the onnx repository, ONNX 1.23) into the static
 * protobufjs module proto/onnx.js and its types proto/onnx.d.ts.
 *
 * Why a static module: protobufjs' reflection runtime builds its encoders with
 * `new Function`, which the page's Content-Security-Policy forbids; the static
 * module is plain code over `protobufjs/minimal` (no eval). Only what writing
 * a model needs is kept: ModelProto and the messages it reaches (filter.json),
 * encoders only (no decode, verify or conversion), so the module is ~70 kB
 * (~6 kB gzip) and lives in the export's lazily loaded chunk.
 * tests/unit/core/interop/onnx/proto.test.ts fails when the committed files
 * are not what this script makes.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isEntryPoint } from './cli/run-cli'

const root = new URL('../../', import.meta.url).pathname
export const ONNX_PROTO_DIR = join(root, 'src/core/interop/onnx/proto')
const bin = (name: string): string => join(root, 'node_modules/.bin', name)

/** Writes onnx.js and onnx.d.ts for proto/onnx-ml.proto into `outDir`. */
export function generateOnnxProto(outDir: string): void {
  const common = ['-t', 'static-module', '-w', 'esm', '--filter', join(ONNX_PROTO_DIR, 'filter.json'), '--no-create', '--no-decode', '--no-verify', '--no-convert', '--no-delimited', '--no-typeurl', '--no-service']
  const proto = join(ONNX_PROTO_DIR, 'onnx-ml.proto')
  const scratch = mkdtempSync(join(tmpdir(), 'onnx-proto-'))
  try {
    // The types come from the commented build (pbts reads the JSDoc); the shipped module has no comments.
    const commented = join(scratch, 'onnx.js')
    execFileSync(bin('pbjs'), [...common, '-o', commented, proto], { stdio: 'pipe' })
    execFileSync(bin('pbts'), ['--no-comments', '-o', join(outDir, 'onnx.d.ts'), commented], { stdio: 'pipe' })
    execFileSync(bin('pbjs'), [...common, '--no-comments', '-o', join(outDir, 'onnx.js'), proto], { stdio: 'pipe' })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (isEntryPoint(import.meta.url)) generateOnnxProto(ONNX_PROTO_DIR)
