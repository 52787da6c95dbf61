#!/usr/bin/env node
/**
 * Makes sure the real tools the unit tests run exist, as ensure-chromium.mjs
 * does for the end-to-end tests: Debian's prometheus package (promtool checks
 * /metrics and the alert rules; the Prometheus server scrapes the model server
 * in the live drift test), and the Python modules that check the studio's
 * exports with the real tools (onnx, xgboost, sqlglot; those tests skip,
 * saying so, without them). When something is missing and we run as root on
 * Debian, installs it with apt-get; otherwise says how. Without Prometheus it
 * stops, since its tests cannot pass.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const hasPrometheus = () => existsSync('/usr/bin/promtool') && existsSync('/usr/bin/prometheus')
const hasPython = (module) => existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0
const PYTHON_PACKAGES = [
  ['onnx', 'python3-onnx'],
  ['xgboost', 'python3-xgboost'],
  ['sqlglot', 'python3-sqlglot'],
]

const missing = [...(hasPrometheus() ? [] : ['prometheus']), ...PYTHON_PACKAGES.filter(([module]) => !hasPython(module)).map(([, pkg]) => pkg)]
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`ensure-tools: installing Debian's ${missing.join(', ')} with apt-get…`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...(missing.some((p) => p.startsWith('python3-')) ? ['python3'] : []), ...missing], { stdio: 'inherit', env })
  } else {
    console.warn(`ensure-tools: missing Debian packages ${missing.join(', ')}; install them with:  sudo apt-get install -y ${missing.join(' ')}`)
  }
  if (!hasPrometheus()) {
    console.error('ensure-tools: the unit tests need promtool and prometheus (Debian\'s prometheus package); install it and run again.')
    process.exit(1)
  }
}
