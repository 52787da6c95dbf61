/**
 * `npm run build:server`: bundles the model server (src/node/cli/serve.ts and
 * the core it imports) into dist-server/serve.mjs with esbuild, for
 * production (deploy/Dockerfile) and the tests that start the real process.
 * npm packages stay external: the image installs production dependencies.
 * The neural net's trainer (the only module that imports tfjs, loaded lazily
 * by `fit`) is replaced by a stub: a server never trains, and this keeps tfjs
 * out of its import graph. dist-server/meta.json lists every bundled input
 * and import, which the server tests read to check that.
 */
import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Resolves core's tfjs trainer to a module that refuses to train. */
const noTraining = {
  name: 'no-training',
  setup(b) {
    b.onResolve({ filter: /\/train-tf$/ }, (args) => ({ path: args.path, namespace: 'no-training' }))
    b.onLoad({ filter: /.*/, namespace: 'no-training' }, () => ({
      contents: 'export function trainNetwork() { throw new Error("server: the model server does not train models") }',
      loader: 'js',
    }))
  },
}

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/node/cli/serve.ts'],
  outfile: 'dist-server/serve.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [noTraining],
})
writeFileSync(new URL('../dist-server/meta.json', import.meta.url), JSON.stringify(result.metafile, null, 1))
