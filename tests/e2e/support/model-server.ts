import { freePort, spawnServer, type SpawnedServer } from './servers'

/**
 * Starts the model server as its README documents it — `npm run serve --
 * --model <file>` — on a free port of 127.0.0.1, in its own process group
 * (detached), and resolves once GET /ping answers 200. `stop` kills the whole
 * group (npm, tsx and node), and so does the test runner's exit should the
 * test never reach its teardown.
 */
export async function startModelServer(modelFile: string): Promise<SpawnedServer> {
  const port = await freePort()
  const args = ['run', '--silent', 'serve', '--', '--model', modelFile, '--port', String(port), '--host', '127.0.0.1']
  return spawnServer('the model server', 'npm', args, {}, `http://127.0.0.1:${port}`, (r) => r.ok, '/ping')
}
