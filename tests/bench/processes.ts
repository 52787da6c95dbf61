/**
 * Every process a bench starts is tracked here and stopped on every way out:
 * when its suite is done, when a suite throws, when the bench is interrupted
 * (SIGINT, SIGTERM) and, as a last resort, when Node exits. A server is
 * spawned `detached` (its own process group) and stopped group and all, so a
 * wrapper's children (npx → vite, gunicorn → workers) go with it.
 */
import type { ChildProcess } from 'node:child_process'

interface Tracked {
  child: ChildProcess
  /** Spawned detached: signal the whole process group, not just the pid. */
  group: boolean
}

const tracked = new Map<ChildProcess, Tracked>()

/** Tracks a child until it exits; `group` when it was spawned with `detached: true`. */
export function track<C extends ChildProcess>(child: C, options: { group: boolean }): C {
  tracked.set(child, { child, group: options.group })
  child.once('exit', () => tracked.delete(child))
  return child
}

/** How many tracked processes are still running (tests). */
export function runningCount(): number {
  return tracked.size
}

function signal({ child, group }: Tracked, name: NodeJS.Signals): void {
  if (!child.pid) return
  try {
    process.kill(group ? -child.pid : child.pid, name)
  } catch {
    // already gone
  }
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/**
 * Stops a tracked child: SIGTERM (to its group when it has one), SIGKILL if it
 * is still there after `graceMs`. Resolves once it has exited. A group's
 * other members get the same signals, so none outlives its leader for long.
 */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  const entry = tracked.get(child) ?? { child, group: false }
  if (!running(child)) {
    // The leader is gone; its group may not be.
    if (entry.group) signal(entry, 'SIGKILL')
    return
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  signal(entry, 'SIGTERM')
  const timer = setTimeout(() => signal(entry, 'SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
  if (entry.group) signal(entry, 'SIGKILL') // stragglers in the group
}

/** Stops every tracked process (end of a bench, or after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...tracked.keys()].map((child) => stopProcess(child)))
}

/** SIGKILL to every tracked process, synchronously: for 'exit' and signal handlers, which cannot wait. */
export function killAllNow(): void {
  for (const entry of tracked.values()) signal(entry, 'SIGKILL')
}

let installed = false

/**
 * Makes an interrupted bench leave nothing behind: SIGINT and SIGTERM stop
 * every tracked process and exit with 130 / 143, and any exit kills what is
 * still tracked.
 */
export function stopEverythingOnExit(): void {
  if (installed) return
  installed = true
  process.on('exit', killAllNow)
  for (const [name, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(name, () => {
      console.error(`\nbench: ${name}, stopping what the bench started`)
      killAllNow()
      process.exit(code)
    })
  }
}
