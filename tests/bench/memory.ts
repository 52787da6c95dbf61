/**
 * Samples the proportional set size (PSS: shared pages split between the
 * processes sharing them) of a process and all its descendants from /proc, so
 * a browser's peak memory across its renderer, GPU and worker processes can be
 * measured from outside. Linux only; elsewhere it reports null.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = byParent.get(ppid) ?? []
      list.push(Number(entry))
      byParent.set(ppid, list)
    } catch {
      // the process ended while we looked
    }
  }
  return byParent
}

function pssKb(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const match = /^Pss:\s+(\d+) kB/m.exec(text)
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** Total PSS in MB of `root` and its descendants. */
export function treeMemoryMB(root: number): number {
  const byParent = children()
  let total = 0
  const stack = [root]
  while (stack.length) {
    const pid = stack.pop() as number
    total += pssKb(pid)
    stack.push(...(byParent.get(pid) ?? []))
  }
  return total / 1024
}

/** Runs `work` while sampling every 100 ms; returns its value and the peak tree memory in MB. */
export async function withPeakMemory<T>(root: number | undefined, work: () => Promise<T>): Promise<{ value: T; peakMemoryMB: number | null }> {
  if (!root || !existsSync('/proc/self/smaps_rollup')) return { value: await work(), peakMemoryMB: null }
  let peak = treeMemoryMB(root)
  const timer = setInterval(() => {
    peak = Math.max(peak, treeMemoryMB(root))
  }, 100)
  try {
    const value = await work()
    peak = Math.max(peak, treeMemoryMB(root))
    return { value, peakMemoryMB: Math.round(peak) }
  } finally {
    clearInterval(timer)
  }
}

/** Pids of this process's direct children whose command name contains `name` (e.g. the browser Playwright launched). */
export function childProcessesNamed(name: string): number[] {
  const mine = children().get(process.pid) ?? []
  return mine.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').includes(name)
    } catch {
      return false
    }
  })
}
