/**
 * The server as production runs it: built by `npm run build:server` and
 * started with exactly deploy/Dockerfile's CMD and ENV (Docker cannot run
 * here, so the image's command is what this test starts). It checks the
 * Dockerfile's promises (node:20-slim, non-root, production dependencies,
 * HEALTHCHECK on /v2/health/ready), that SIGTERM lets an in-flight request
 * finish and exits 0, and that no tfjs is in the server's import graph.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname, join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bundleJson, inputNames, root, sampleRecords, tempDir } from './support/bundles'

const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8')
/** The last stage of the Dockerfile (the image that runs). */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
/** Instructions with their continuation lines joined. */
const instructions = runtimeStage.replace(/\\\n\s*/g, ' ').split('\n').filter((l) => /^[A-Z]+ /.test(l))
const instruction = (name: string) => instructions.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim())
const CMD = JSON.parse(instruction('CMD')[0]) as string[]
/** ENV key=value pairs of the runtime stage. */
const IMAGE_ENV = Object.fromEntries(instruction('ENV').flatMap((l) => [...l.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])))
const HEALTHCHECK = JSON.parse(instruction('HEALTHCHECK')[0].replace(/^.*?CMD /, '')) as string[]

let models: { dir: string; remove: () => void }
let records: Record<string, unknown>[]
const children: ChildProcess[] = []

beforeAll(async () => {
  // The production build, as `npm run build:server` makes it (and the image's build stage).
  const built = spawnSync('npm', ['run', '-s', 'build:server'], { cwd: root, encoding: 'utf8' })
  expect(built.status, built.stderr).toBe(0)
  const ms = await bundleJson('ms')
  models = tempDir('serve-process')
  writeFileSync(join(models.dir, 'ms.json'), JSON.stringify(ms))
  records = sampleRecords('ms-treatment.csv', 2, inputNames(ms))
}, 120_000)
afterEach(() => {
  // Whatever a test left running is stopped, its whole process group.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
})
afterAll(() => models?.remove())

interface Started {
  child: ChildProcess
  port: number
  /** Every JSON log line so far. */
  lines: Record<string, unknown>[]
  /** Resolves with the first log line whose msg is `msg`. */
  waitFor(msg: string): Promise<Record<string, unknown>>
  exited: Promise<number | null>
}

/** Starts the image's command as the container would (the image's ENV, then `docker run -e` overrides). */
async function startImageCommand(): Promise<Started> {
  const child = spawn(CMD[0], CMD.slice(1), {
    cwd: root,
    env: { ...process.env, ...IMAGE_ENV, SERVE_MODEL: models.dir, SERVE_HOST: '127.0.0.1', SERVE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  children.push(child)
  const lines: Record<string, unknown>[] = []
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = []
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)))
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>
    lines.push(line)
    for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve(line)
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = (msg: string) => {
    const seen = lines.find((l) => l.msg === msg)
    if (seen) return Promise.resolve(seen)
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ msg, resolve })
      void exited.then((code) => reject(new Error(`server exited (${code}) before "${msg}": ${stderr}`)))
    })
  }
  const ready = await waitFor('ready')
  return { child, port: ready.port as number, lines, waitFor, exited }
}

describe('deploy/Dockerfile', () => {
  it('builds on node:20-slim, installs production dependencies only, runs as a non-root user', () => {
    const froms = dockerfile.split('\n').filter((l) => l.startsWith('FROM '))
    expect(froms.every((l) => /^FROM node:20-slim\b/.test(l))).toBe(true)
    expect(instruction('RUN').some((r) => /npm ci --omit=dev/.test(r))).toBe(true)
    expect(instruction('USER')).toEqual(['node'])
    expect(instruction('HEALTHCHECK')[0]).toMatch(/\/v2\/health\/ready/)
    expect(CMD).toEqual(['node', 'dist-server/serve.mjs'])
    expect(IMAGE_ENV).toMatchObject({ SERVE_MODEL: '/models', SERVE_HOST: '0.0.0.0', SERVE_PORT: '8080', NODE_ENV: 'production' })
    // The image copies what the build writes, and package.json builds it the same way.
    expect(runtimeStage).toMatch(/COPY --from=build \/app\/dist-server dist-server/)
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:server']).toBe('node deploy/build-server.mjs')
  })

  it('its command serves predictions, and its HEALTHCHECK passes against it', async () => {
    const server = await startImageCommand()
    const base = `http://127.0.0.1:${server.port}`
    const response = await fetch(`${base}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataframe_records: records }) })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { predictions: unknown[] }).predictions).toHaveLength(2)
    expect(typeof server.lines.find((l) => l.msg === 'ready')?.startup_ms).toBe('number')
    const health = spawnSync(HEALTHCHECK[0], HEALTHCHECK.slice(1), { env: { ...process.env, SERVE_PORT: String(server.port) }, encoding: 'utf8' })
    expect(health.status).toBe(0)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    // Nothing listens any more: the health check now fails.
    expect(spawnSync(HEALTHCHECK[0], HEALTHCHECK.slice(1), { env: { ...process.env, SERVE_PORT: String(server.port) } }).status).toBe(1)
  })
})

describe('SIGTERM', () => {
  it('lets an in-flight request finish, refuses new connections, and exits 0', async () => {
    const server = await startImageCommand()
    const body = JSON.stringify({ dataframe_records: records })
    const socket = connect(server.port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => (received += String(chunk)))
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    // Headers first, asking to continue: the 100 proves the server holds this request.
    socket.write(`POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`)
    await new Promise<void>((resolve) => socket.on('data', () => received.includes('100 Continue') && resolve()))
    server.child.kill('SIGTERM')
    await server.waitFor('shutting down: finishing in-flight requests')
    // New connections are refused while the in-flight request is still open.
    await expect(fetch(`http://127.0.0.1:${server.port}/ping`)).rejects.toThrow()
    socket.write(body)
    await closed
    const answer = received.slice(received.indexOf('\r\n\r\n', received.indexOf('100 Continue')) + 4)
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).predictions).toHaveLength(2)
    expect(await server.exited).toBe(0)
    const messages = server.lines.map((l) => l.msg)
    expect(messages).toContain('stopped')
    // Drained, not cut off at the drain limit.
    expect(messages).not.toContain('in-flight requests did not finish in time; closing their connections')
  })
})

describe("the server's import graph", () => {
  it('bundles no tfjs and no danfojs (esbuild metafile of the production build)', () => {
    const meta = JSON.parse(readFileSync(join(root, 'dist-server/meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>
      outputs: Record<string, { imports: { path: string; external?: boolean }[] }>
    }
    const inputs = Object.keys(meta.inputs)
    expect(inputs).toContain('src/node/cli/serve.ts')
    expect(inputs).toContain('src/core/bundle/predictor.ts')
    // The trainer and the danfojs text engine are replaced by stubs (deploy/build-server.mjs).
    expect(inputs.filter((p) => p.startsWith('stub-'))).toEqual(['stub-0:./train-tf', 'stub-1:./text-danfo'])
    expect(inputs.filter((p) => !p.startsWith('stub-') && /tensorflow|danfo|train-tf/.test(p))).toEqual([])
    const external = Object.values(meta.outputs).flatMap((o) => o.imports.map((i) => i.path))
    expect(external.filter((p) => /tensorflow|danfo/.test(p))).toEqual([])
    expect(external).toContain('fastify')
  })

  it('imports no tfjs statically from the sources either (what `npm run serve` runs through tsx)', () => {
    const seen = new Set<string>()
    const packages = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
      // Static imports and re-exports only (type-only ones included, to be safe): a lazy import() is not loaded until called.
      for (const match of text.matchAll(/^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
        const spec = match[1]
        if (!spec.startsWith('.')) packages.add(spec)
        else visit(resolveSource(join(dirname(file), spec)))
      }
    }
    visit(join(root, 'src/node/cli/serve.ts'))
    expect([...seen].map((f) => relative(root, f))).toContain('src/core/bundle/predictor.ts')
    expect([...packages].filter((p) => /tensorflow|danfo/.test(p))).toEqual([])
  })
})

function resolveSource(path: string): string {
  for (const candidate of [`${path}.ts`, `${path}.tsx`, join(path, 'index.ts'), path]) {
    try {
      readFileSync(candidate)
      return candidate
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${path}`)
}
