import { spawn, type ChildProcess } from 'node:child_process'
import { freePort, type SpawnedServer } from './servers'

const ROOT = new URL('../../../', import.meta.url).pathname

/**
 * Starts the model server as its README documents it — `npm run serve --
 * --model <file>` — on a free port of 127.0.0.1, in its own process group
 * (detached), and resolves once GET /ping answers 200. `stop` kills the whole
 * group (npm, tsx and node), and so does the test runner's exit should the
 * test never reach its teardown.
 */
export async function startModelServer(modelFile: string): Promise<SpawnedServer> {
  const port = await freePort()
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'serve', '--', '--model', modelFile, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const killGroup = (): void => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  process.once('exit', killGroup)
  const origin = `http://127.0.0.1:${port}`
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the model server exited before answering:\n${output}`)
      const ok = await fetch(`${origin}/ping`).then((r) => r.ok, () => false)
      if (ok) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  } catch (error) {
    killGroup()
    throw error
  }
  return {
    origin,
    log: () => output,
    stop: async () => {
      killGroup()
      await exited
      process.removeListener('exit', killGroup)
    },
  }
}
