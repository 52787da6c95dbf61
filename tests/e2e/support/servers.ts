import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

const ROOT = new URL('../../../', import.meta.url).pathname

/** A port nobody listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** A server a test started: its address, everything it printed, and how to stop it (process group and all). */
export interface SpawnedServer {
  origin: string
  log(): string
  stop(): Promise<void>
}

/**
 * Starts `node_modules/.bin/vite <args>` on a free port in its own process
 * group (detached), and resolves once it answers. `stop` kills the whole group,
 * so no vite (or esbuild/rolldown helper) outlives the test; so does the test
 * runner's exit, should the test never reach its teardown.
 */
export async function startVite(args: string[], env: Record<string, string> = {}): Promise<SpawnedServer> {
  const port = await freePort()
  return spawnServer('vite', `${ROOT}node_modules/.bin/vite`, [...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], env, `http://127.0.0.1:${port}`, () => true)
}

/**
 * Spawns `command` in its own process group (detached) from the repository
 * root, and resolves once `origin + readyPath` gives an answer `ready` accepts. `stop` kills the
 * whole group, and so does the test runner's exit should the test never reach
 * its teardown.
 */
export async function spawnServer(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  origin: string,
  ready: (response: Response) => boolean,
  readyPath = '',
): Promise<SpawnedServer> {
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
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
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited before answering:\n${output}`)
      const response = await fetch(origin + readyPath, { method: readyPath ? 'GET' : 'HEAD' }).catch(() => null)
      if (response && ready(response)) break
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
