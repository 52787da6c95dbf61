/**
 * The error boundary every CLI command runs inside: output goes through an
 * injectable CliIO (so tests can run a command in-process), and any failure
 * becomes one line on stderr and a non-zero exit code, never a stack trace.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { errorText } from '../../core/errors'

/** Where a command writes: results to stdout, progress and errors to stderr. */
export interface CliIO {
  stdout(text: string): void
  stderr(text: string): void
}

/** The real process streams. */
export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

/** Exit code for bad usage (unknown option, missing or malformed value), as most Unix tools use. */
export const EXIT_USAGE = 2
/** Exit code for everything else that went wrong (missing file, bad data, failed training). */
export const EXIT_FAILURE = 1

/** A failure the CLI reports as it is: the message is already what the user should read. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/**
 * Runs `work` and returns the process exit code: 0 on success; otherwise
 * writes "<command>: <message>" as a single line to stderr (set
 * STUDIO_DEBUG=1 to get the stack too) and returns the error's exit code.
 */
export async function runCli(command: string, io: CliIO, work: () => Promise<void>): Promise<number> {
  try {
    await work()
    return 0
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`${command}: ${message.replace(/\s*\n\s*/g, ' ')}\n`)
    if (process.env.STUDIO_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`)
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE
  }
}

/**
 * True when the module at `moduleUrl` is the script Node was started with
 * (`tsx src/node/cli/train.ts`), false when it is imported (tests).
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl))
  } catch {
    return false
  }
}

/**
 * Runs a command's main function as the process: real streams, the exit code
 * as process.exitCode. Call it only when isEntryPoint is true. `setup` runs
 * first (the commands that train register tfjs' Node backend there; passing
 * it in, rather than importing it here, keeps tfjs out of the model server's
 * build); a setup error is one line on stderr and exit 2.
 */
export async function runAsScript(main: (argv: string[], io: CliIO) => Promise<number>, setup?: () => void): Promise<void> {
  // `npm run predict … | head` closes stdout early: the reader's choice, not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(process.exitCode ?? 0)
  })
  // stdout carries only the result: a library's console.log (tfjs prints a banner) goes to stderr.
  console.log = console.error
  console.info = console.error
  try {
    setup?.()
  } catch (error) {
    process.stderr.write(`${errorText(error)}\n`)
    process.exitCode = EXIT_USAGE
    return
  }
  process.exitCode = await main(process.argv.slice(2), processIO)
}
