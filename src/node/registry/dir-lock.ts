/**
 * One writer per model in a registry directory: `npm run pipeline` holds
 * `<dir>/.<slug>.lock` (hidden, so the model server skips it) from before it
 * reads the Production version until the promotion is written, so two runs
 * started together (cron and a manual run) cannot both take the same version
 * number. A lock left by a process that no longer exists (killed, machine
 * restarted) is taken over; a live one is an error naming its process.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { modelSlug } from '../../core/workflow/registry-dir'
import { StudioError } from '../../core/errors'

export interface DirLock {
  path: string
  release(): Promise<void>
}

/** Takes the lock of model `name` in `dir`, or throws naming the process that holds it. */
export async function lockModel(dir: string, name: string): Promise<DirLock> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, `.${modelSlug(name)}.lock`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return { path, release: () => rm(path, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new StudioError('registry-dir-locked', `registry directory: another pipeline (process ${holder}) is writing model "${name}" in "${dir}"; wait for it to finish, or remove ${path} if no pipeline is running`)
      }
      // Left by a process that is gone: take it over.
      await rm(path, { force: true })
    }
  }
  throw new StudioError('registry-dir-locked', `registry directory: cannot take the lock ${path}; another pipeline keeps taking it`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
