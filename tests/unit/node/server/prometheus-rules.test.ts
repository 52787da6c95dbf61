/**
 * deploy/prometheus: the scrape config and the alert rules pass promtool's
 * checks, and the rules' unit tests (alerts.test.yml: drift, a feature's
 * PSI, 5xx share, p99 latency) pass `promtool test rules`. promtool is
 * Debian's prometheus package (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { root } from './support/bundles'

const PROMTOOL = '/usr/bin/promtool'
const dir = join(root, 'deploy/prometheus')

function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, args, { cwd: dir, encoding: 'utf8' })
  if (run.error) throw run.error
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe('deploy/prometheus', () => {
  it('has alert rules promtool accepts', () => {
    const { status, output } = promtool('check', 'rules', 'alerts.yml')
    expect(status, output).toBe(0)
    expect(output).toContain('SUCCESS: 4 rules found')
  })

  it('has a scrape config promtool accepts, loading the alert rules', () => {
    const { status, output } = promtool('check', 'config', 'prometheus.yml')
    expect(status, output).toBe(0)
    expect(output).toContain('1 rule files found')
  })

  it("passes the rules' unit tests (promtool test rules)", () => {
    const { status, output } = promtool('test', 'rules', 'alerts.test.yml')
    expect(status, output).toBe(0)
    expect(output).toContain('SUCCESS')
  })
})
