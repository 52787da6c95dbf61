/**
 * `npm run serve -- --model <bundle.json | directory> [--port 8080] [--host 127.0.0.1] [--body-limit 10mb]`:
 * the model server (src/node/server): MLflow scoring and the Open Inference
 * Protocol over core's Predictor, Prometheus metrics, hot swap of bundles.
 * Every option can also come from the environment (SERVE_MODEL, SERVE_PORT,
 * SERVE_HOST, SERVE_BODY_LIMIT, SERVE_LOG_LEVEL, SERVE_DRIFT_WINDOW_ROWS,
 * SERVE_DRIFT_WINDOW_SECONDS): that is how the container
 * is configured, with the same command the tests start (deploy/Dockerfile).
 */
import { parseOptions } from './args'
import { CliError, EXIT_USAGE, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'
import { DEFAULT_DRIFT_WINDOW } from '../server/drift-window'
import { createLogger } from '../server/logging'
import { runServer } from '../server/lifecycle'

const USAGE = `usage: npm run serve -- --model <bundle.json | directory> [--port 8080] [--host 127.0.0.1] [--body-limit 10mb]
                          [--log-level info] [--rescan-seconds 5] [--drain-seconds 10]
                          [--drift-window-rows 5000] [--drift-window-seconds 3600]
Serves a model bundle (under its registry name, else its file name) or every bundle in a directory
(by name and version; the name alone answers with the Production version). Changed files are picked up
without a restart. Routes: POST /invocations (MLflow), /v2/... (Open Inference Protocol), GET /metrics.
Live drift: per model version, the last --drift-window-rows request rows no older than
--drift-window-seconds are compared with the bundle's reference statistics at each scrape of /metrics
(studio_feature_drift_psi, studio_feature_drift_statistic, studio_dataset_drift, ...);
--drift-window-rows 0 turns it off. Bundles without reference statistics (version 1) get no drift gauges.
Options may come from the environment instead: SERVE_MODEL, SERVE_PORT, SERVE_HOST, SERVE_BODY_LIMIT, SERVE_LOG_LEVEL,
SERVE_DRIFT_WINDOW_ROWS, SERVE_DRIFT_WINDOW_SECONDS.
`

const OPTIONS = {
  model: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'body-limit': { type: 'string' },
  'log-level': { type: 'string' },
  'rescan-seconds': { type: 'string' },
  'drain-seconds': { type: 'string' },
  'drift-window-rows': { type: 'string' },
  'drift-window-seconds': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** Runs the server with `argv`; resolves to the exit code once it has shut down (SIGTERM, SIGINT). */
export function serveMain(argv: string[], io: CliIO = processIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let exitCode = 0
  return runCli('serve', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const pick = (name: string, variable: string): string | undefined => {
      const value = values[name]
      return typeof value === 'string' ? value : env[variable] || undefined
    }
    const model = pick('model', 'SERVE_MODEL')
    if (!model) throw new CliError('--model is required (or SERVE_MODEL); see --help', EXIT_USAGE)
    const logLevel = pick('log-level', 'SERVE_LOG_LEVEL') ?? 'info'
    if (!LOG_LEVELS.includes(logLevel)) throw new CliError(`--log-level "${logLevel}" is invalid; expected one of ${LOG_LEVELS.join(', ')}`, EXIT_USAGE)
    const server = await runServer({
      model,
      host: pick('host', 'SERVE_HOST') ?? '127.0.0.1',
      port: integer(pick('port', 'SERVE_PORT') ?? '8080', 'port', 0, 65535),
      bodyLimit: parseByteSize(pick('body-limit', 'SERVE_BODY_LIMIT') ?? '10mb'),
      logger: createLogger({ level: logLevel }),
      rescanSeconds: integer(pick('rescan-seconds', 'SERVE_RESCAN_SECONDS') ?? '5', 'rescan-seconds', 0, 86400),
      drainSeconds: integer(pick('drain-seconds', 'SERVE_DRAIN_SECONDS') ?? '10', 'drain-seconds', 0, 3600),
      driftWindow: {
        rows: integer(pick('drift-window-rows', 'SERVE_DRIFT_WINDOW_ROWS') ?? String(DEFAULT_DRIFT_WINDOW.rows), 'drift-window-rows', 0, 10_000_000),
        seconds: integer(pick('drift-window-seconds', 'SERVE_DRIFT_WINDOW_SECONDS') ?? String(DEFAULT_DRIFT_WINDOW.seconds), 'drift-window-seconds', 1, 30 * 86400),
      },
    })
    exitCode = await server.closed
  }).then((code) => (code === 0 ? exitCode : code))
}

function integer(text: string, name: string, min: number, max: number): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`--${name} "${text}" is invalid; expected an integer in [${min}, ${max}]`, EXIT_USAGE)
  }
  return value
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }

/** "10mb", "512kb", "1gb" or a number of bytes. */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*$/i.exec(text)
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : NaN
  if (!Number.isFinite(bytes) || bytes < 1) throw new CliError(`--body-limit "${text}" is invalid; expected a size such as 10mb, 512kb or 1048576`, EXIT_USAGE)
  return bytes
}

if (isEntryPoint(import.meta.url)) await runAsScript(serveMain)
