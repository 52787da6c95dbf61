/**
 * A registry directory on disk (format: src/core/workflow/registry-dir.ts) as
 * the RegistryPort `npm run pipeline` runs against. Core decides what to
 * write; this file only reads and writes, each file atomically: written to a
 * hidden temp file in the same folder (the server skips hidden files), then
 * renamed over the old one, so a reader sees the old or the new file, never
 * half of one.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { StudioError } from '../../core/errors'
import { productionVersion, type RegisteredModel, type Stage } from '../../core/tracking/registry'
import { bundlePath, planRegister, planTransition, readRegistryFile, registryPath, type FileWrite } from '../../core/workflow/registry-dir'
import type { RegistryPort } from '../../core/workflow/types'

export class DirectoryRegistry implements RegistryPort {
  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The model `name` as registry.json holds it, or null when the directory has none. */
  async model(name: string): Promise<RegisteredModel | null> {
    return readRegistryFile(await this.text(registryPath(name)), name)
  }

  async production(name: string): Promise<{ version: number; bundle: unknown } | null> {
    const model = await this.model(name)
    const current = model && productionVersion(model)
    if (!current) return null
    return { version: current.version, bundle: await this.bundle(name, current.version) }
  }

  async register(name: string, bundle: unknown, comment: string): Promise<{ version: number }> {
    const plan = planRegister(await this.model(name), name, bundle, comment, this.now())
    await this.apply(plan.writes)
    return { version: plan.version }
  }

  async transition(name: string, version: number, to: Stage, comment: string, archiveExisting: boolean): Promise<void> {
    const model = await this.model(name)
    if (!model) throw new StudioError('registry-dir-unknown-model', `registry directory: "${this.dir}" has no model "${name}" (no ${registryPath(name)})`)
    const bundles = new Map<number, unknown>()
    for (const v of model.versions) if (v.version === version || v.stage === 'Production') bundles.set(v.version, await this.bundle(name, v.version))
    const plan = planTransition(model, (v) => bundles.get(v), version, to, comment, this.now(), archiveExisting)
    await this.apply(plan.writes)
  }

  /** A version's bundle JSON; its absence is an error naming the file. */
  async bundle(name: string, version: number): Promise<unknown> {
    const path = bundlePath(name, version)
    const text = await this.text(path)
    if (text === null) throw new StudioError('registry-dir-missing-bundle', `registry directory: version ${version} of "${name}" is listed, but ${join(this.dir, path)} does not exist`)
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new StudioError('registry-dir-invalid', `registry directory: ${join(this.dir, path)} is not valid JSON (${(error as Error).message})`)
    }
  }

  private async text(path: string): Promise<string | null> {
    try {
      return await readFile(join(this.dir, path), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  /** Writes each file in order, atomically. */
  private async apply(writes: readonly FileWrite[]): Promise<void> {
    for (const write of writes) await writeAtomically(join(this.dir, write.path), write.text)
  }
}

/** Writes `text` to a hidden temp file beside `path`, then renames it over `path`. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.${path.split(/[\\/]/).pop()}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`)
  try {
    await writeFile(temp, text)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
