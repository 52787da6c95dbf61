/** Starts the built app (or bench pages) with vite preview and Debian's Chromium, as the e2e tests do. */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { chromium, type Browser } from '@playwright/test'
import { stopProcess, track } from './processes'

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p))
  if (!found) throw new Error('bench: no Chromium found; install it with `apt-get install -y chromium` or set CHROMIUM_PATH')
  return found
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] })
}

/** A TCP port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Runs `vite preview` on `outDir` on a free port and resolves once it answers.
 * vite is spawned directly (not through npx) in its own process group, tracked
 * (./processes), and `stop` ends the whole group and resolves once it has
 * exited, so nothing outlives the bench, whichever way it ends.
 */
export async function startPreview(outDir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort()
  const child: ChildProcess = track(
    spawn('node_modules/.bin/vite', ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    }),
    { group: true },
  )
  const stop = () => stopProcess(child)
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    try {
      if ((await fetch(url)).ok) return { url, pid: child.pid!, stop }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`bench: vite preview did not start on ${url}`)
}
