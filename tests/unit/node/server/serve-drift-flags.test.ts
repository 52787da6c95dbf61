/**
 * `npm run serve`'s live drift flags: documented in --help, and refused with
 * a usage error naming the flag and its range when out of range.
 */
import { describe, expect, it } from 'vitest'
import { serveMain } from '../../../../src/node/cli/serve'
import { EXIT_USAGE } from '../../../../src/node/cli/run-cli'

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await serveMain(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, env)
  return { code, out, err }
}

describe('serve: live drift flags', () => {
  it('documents them in --help', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out).toContain('[--drift-window-rows 5000] [--drift-window-seconds 3600]')
    expect(out).toContain('SERVE_DRIFT_WINDOW_ROWS')
    expect(out).toContain('studio_feature_drift_psi')
  })

  it.each([
    [['--drift-window-rows=-1'], '--drift-window-rows "-1" is invalid; expected an integer in [0, 10000000]'],
    [['--drift-window-rows', 'many'], '--drift-window-rows "many" is invalid'],
    [['--drift-window-seconds', '0'], '--drift-window-seconds "0" is invalid; expected an integer in [1, 2592000]'],
  ])('refuses %j', async (flags, message) => {
    const { code, err } = await run(['--model', 'nowhere.json', ...flags])
    expect(code).toBe(EXIT_USAGE)
    expect(err).toContain(message)
  })

  it('reads them from the environment too', async () => {
    const { code, err } = await run(['--model', 'nowhere.json'], { SERVE_DRIFT_WINDOW_SECONDS: '1.5' })
    expect(code).toBe(EXIT_USAGE)
    expect(err).toContain('--drift-window-seconds "1.5" is invalid')
  })
})
