/**
 * Starts a worker thread on one of the studio's modules. From TypeScript
 * sources (run through tsx) the thread registers tsx's loader first: workers
 * do not inherit the loader hooks of the thread that starts them. The thread
 * never keeps the process alive (unref).
 */
import { Worker } from 'node:worker_threads'

/** `entry` is the module's URL without extension, next to the caller (e.g. new URL('./forest-thread', import.meta.url)). */
export function startWorker(entry: URL, fromTypeScript: boolean): Worker {
  const url = new URL(`${entry.href}${fromTypeScript ? '.ts' : '.js'}`)
  const worker = fromTypeScript
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`, { eval: true })
    : new Worker(url)
  worker.unref()
  return worker
}
