/**
 * `npm run build:server`: bundles the model server (src/node/cli/serve.ts and
 * the core it imports) into dist-server/serve.mjs with esbuild, for
 * production (deploy/Dockerfile) and the tests that start the real process.
 * npm packages stay external: the image installs production dependencies.
 * Two modules are replaced by stubs, which keeps tfjs and danfojs out of its
 * import graph: the neural net's trainer (the only module that imports tfjs,
 * loaded lazily by `fit`) — a server never trains — and the Clean page's
 * danfojs text engine (loaded lazily by the recipe's standardize-text step) —
 * the Predictor replays text steps with core's engine (standardizeTextCore),
 * and a recipe run in the server would fall back to it too. dist-server/meta.json lists every bundled input
 * and import, which the server tests read to check that.
 */
import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Stub modules by import path: what the server never runs. */
const stubs = [
  [/\/train-tf$/, 'export function trainNetwork() { throw new Error("server: the model server does not train models") }'],
  [/\/text-danfo$/, 'export async function transformLevelsDanfo() { throw new Error("danfojs is not part of the model server") }'],
]

/** Resolves each stubbed import to its stub. */
const serverStubs = {
  name: 'server-stubs',
  setup(b) {
    stubs.forEach(([filter, contents], i) => {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: `stub-${i}` }))
      b.onLoad({ filter: /.*/, namespace: `stub-${i}` }, () => ({ contents, loader: 'js' }))
    })
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
  plugins: [serverStubs],
})
writeFileSync(new URL('../dist-server/meta.json', import.meta.url), JSON.stringify(result.metafile, null, 1))
