/**
 * One pipeline at a time per model in a registry directory: a live holder
 * refuses a second run, naming its process; a lock left by a process that is
 * gone is taken over.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lockModel } from '../../../src/node/registry/dir-lock'

const dir = mkdtempSync(join(tmpdir(), 'studio-dir-lock-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('lockModel', () => {
  it('lets one writer in at a time, per model', async () => {
    const lock = await lockModel(dir, 'MS response')
    expect(lock.path).toBe(join(dir, '.ms-response.lock'))
    await expect(lockModel(dir, 'MS response')).rejects.toMatchObject({
      code: 'registry-dir-locked',
      message: expect.stringContaining(`another pipeline (process ${process.pid}) is writing model "MS response"`),
    })
    // Another model in the same directory is not held up.
    const other = await lockModel(dir, 'EDSS')
    await other.release()
    await lock.release()
    expect(existsSync(lock.path)).toBe(false)
    const again = await lockModel(dir, 'MS response')
    await again.release()
    expect(readdirSync(dir)).toEqual([])
  })

  it('takes over a lock whose process is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const pid = Number(gone.stdout)
    expect(pid).toBeGreaterThan(0)
    writeFileSync(join(dir, '.ms-response.lock'), `${pid}\n`)
    const lock = await lockModel(dir, 'MS response')
    await lock.release()
  })
})
