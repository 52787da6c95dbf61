#!/usr/bin/env node
/**
 * Makes sure a Chromium for the end-to-end tests exists. Order: $CHROMIUM_PATH,
 * then /usr/bin/chromium (Debian). When neither exists and we run as root on
 * Debian, installs the `chromium` package with apt; otherwise stops with a
 * message saying how to get one. Prints the path it settled on.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean)
let found = candidates.find((path) => existsSync(path))

if (!found) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (isRoot && hasApt) {
    console.log('ensure-chromium: no Chromium found; installing Debian\'s chromium with apt-get…')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
    found = candidates.find((path) => existsSync(path))
  }
  if (!found) {
    console.error(
      'ensure-chromium: the end-to-end tests need Chromium and none was found.\n' +
        '  Install it with:  sudo apt-get install -y chromium\n' +
        '  or point CHROMIUM_PATH at an existing Chrome or Chromium binary, e.g.\n' +
        '  CHROMIUM_PATH=/opt/google/chrome/chrome npm test',
    )
    process.exit(1)
  }
}
console.log(`ensure-chromium: using ${found}`)
