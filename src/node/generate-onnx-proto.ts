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
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../../', import.meta.url).pathname
const dir = join(root, 'src/core/interop/onnx/proto')
const bin = (name: string): string => join(root, 'node_modules/.bin', name)
const common = ['-t', 'static-module', '-w', 'esm', '--filter', join(dir, 'filter.json'), '--no-create', '--no-decode', '--no-verify', '--no-convert', '--no-delimited', '--no-typeurl', '--no-service']
const proto = join(dir, 'onnx-ml.proto')

const scratch = mkdtempSync(join(tmpdir(), 'onnx-proto-'))
try {
  // The types come from the commented build (pbts reads the JSDoc); the shipped module has no comments.
  const commented = join(scratch, 'onnx.js')
  execFileSync(bin('pbjs'), [...common, '-o', commented, proto], { stdio: 'inherit' })
  execFileSync(bin('pbts'), ['--no-comments', '-o', join(dir, 'onnx.d.ts'), commented], { stdio: 'inherit' })
  execFileSync(bin('pbjs'), [...common, '--no-comments', '-o', join(dir, 'onnx.js'), proto], { stdio: 'inherit' })
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
