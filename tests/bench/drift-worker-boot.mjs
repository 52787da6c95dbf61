// A Node worker_thread cannot load TypeScript by itself: register tsx in this thread, then run the script.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.script)
