import { describe, expect, it } from 'vitest'
import { StudioError } from '../../../../src/core/errors'
import { newExperiment } from '../../../../src/core/tracking/experiment'
import { buildExperimentFile, EXPERIMENT_FILE_FORMAT, parseExperimentFile } from '../../../../src/core/tracking/experiment-file'
import { addModelVersion, createRegisteredModel, transition } from '../../../../src/core/tracking/registry'
import { migrateRun } from '../../../../src/core/tracking/run-schema'
import { makeRun, schema1Run, schema2Run, tinyBundle } from './fixtures'

const experiment = newExperiment('f', 'd.csv', '2026-01-01T00:00:00Z')

function registry() {
  let model = createRegisteredModel('Sepsis', '2026-03-01T00:00:00Z')
  model = addModelVersion(model, 'a', 'first', '2026-03-01T00:00:00Z').model
  model = transition(model, 1, 'Production', 'go', '2026-03-01T01:00:00Z').model
  return [model]
}

function file(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const runs = [makeRun('a', '2026-01-01T00:00:00Z'), makeRun('b', '2026-01-02T00:00:00Z', { tags: ['baseline'], note: 'first try' })].map(migrateRun)
  return { ...buildExperimentFile({ experiment, runs, registry: registry(), now: '2026-03-05T00:00:00Z' }), ...overrides }
}

/** The StudioError parseExperimentFile throws for `text`. */
function errorOf(text: string): StudioError {
  try {
    parseExperimentFile(text)
  } catch (error) {
    if (error instanceof StudioError) return error
    throw error
  }
  throw new Error('expected parseExperimentFile to throw')
}

describe('building an experiment file', () => {
  it('carries the experiment, its finished runs with bundles (oldest first) and the models pointing at them', () => {
    const runs = [
      makeRun('b', '2026-01-02T00:00:00Z'),
      makeRun('a', '2026-01-01T00:00:00Z'),
      makeRun('live', '2026-01-03T00:00:00Z', { status: 'running' }),
      makeRun('elsewhere', '2026-01-03T00:00:00Z', { dataset: { name: 'other.csv', fingerprint: 'g', rows: 1, columns: 1 } }),
    ].map(migrateRun)
    const unrelated = addModelVersion(createRegisteredModel('Other', '2026-03-01T00:00:00Z'), 'elsewhere', '', '2026-03-01T00:00:00Z').model
    const built = buildExperimentFile({ experiment, runs, registry: [...registry(), unrelated], now: new Date('2026-03-05T00:00:00Z') })
    expect(built).toMatchObject({ format: EXPERIMENT_FILE_FORMAT, version: 1, exportedAt: '2026-03-05T00:00:00.000Z', experiment })
    expect(built.runs.map((r) => r.id)).toEqual(['a', 'b'])
    expect(built.runs[0].bundle).toEqual(tinyBundle())
    expect(built.registry?.map((m) => m.name)).toEqual(['Sepsis'])
  })

  it('leaves out the registry key when no model points at its runs', () => {
    expect('registry' in buildExperimentFile({ experiment, runs: [], registry: registry(), now: '2026-03-05T00:00:00Z' })).toBe(false)
  })

  it('round-trips through text', () => {
    const built = file()
    expect(parseExperimentFile(JSON.stringify(built))).toEqual(built)
  })
})

describe('parseExperimentFile refuses what it cannot read, saying why', () => {
  it('a model bundle given by mistake', () => {
    const error = errorOf(JSON.stringify(tinyBundle()))
    expect(error.code).toBe('experiment-file-format')
    expect(error.message).toMatch(/^experiment file: this is a model bundle, not an experiment/)
  })

  it('another file of ours, another JSON document, no format at all', () => {
    expect(errorOf(JSON.stringify({ format: 'clinical-ml-studio/recipe', version: 1 })).message).toBe(
      'experiment file: this is a Clinical ML Studio "clinical-ml-studio/recipe" file, not an experiment; expected format "clinical-ml-studio/experiment"',
    )
    expect(errorOf(JSON.stringify({ format: 'mlflow/run' })).message).toBe(
      'experiment file: format is "mlflow/run"; expected "clinical-ml-studio/experiment" (an experiment exported from Clinical ML Studio)',
    )
    expect(errorOf('{"runs": []}').message).toMatch(/format is missing; expected "clinical-ml-studio\/experiment"/)
    expect(errorOf('[1, 2]').message).toMatch(/the file holds a list; expected an object/)
  })

  it('a newer file version, naming both versions', () => {
    const error = errorOf(JSON.stringify(file({ version: 2 })))
    expect(error.code).toBe('experiment-file-version')
    expect(error.message).toBe('experiment file: version 2 is newer than this studio reads (version 1); update the studio to import it')
  })

  it('truncated JSON, with the position', () => {
    const text = JSON.stringify(file())
    const cut = text.slice(0, 200)
    const error = errorOf(cut)
    expect(error.code).toBe('json-truncated')
    expect(error.message).toMatch(/^experiment file: the JSON ends early \(at character \d+ of 200\); the file looks truncated/)
  })

  it('invalid JSON, with line, column and position', () => {
    const error = errorOf('{\n  "format": "clinical-ml-studio/experiment",\n  "version": 1,,\n}')
    expect(error.code).toBe('json-invalid')
    expect(error.message).toMatch(/^experiment file: not valid JSON at line 3, column 16 \(position \d+\)/)
    expect(errorOf('format,version\nexperiment,1').message).toMatch(/^experiment file: not valid JSON/)
    expect(errorOf('   ').message).toBe('experiment file: the file is empty')
  })

  it('duplicate run ids inside the file, naming them', () => {
    const built = file()
    const runs = built.runs as unknown[]
    const error = errorOf(JSON.stringify({ ...built, runs: [...runs, runs[0], runs[0]] }))
    expect(error.code).toBe('experiment-file-duplicate')
    expect(error.message).toBe('experiment file: run id "a" (3 times) repeated in the file; each run may appear once')
  })

  it('a run of a newer schema than this studio reads, naming the run and both schemas', () => {
    const built = file()
    const runs = built.runs as Record<string, unknown>[]
    const error = errorOf(JSON.stringify({ ...built, runs: [runs[0], { ...runs[1], schemaVersion: 9 }] }))
    expect(error.code).toBe('run-version')
    expect(error.message).toBe('experiment file: run "b" has schema 9, newer than this studio reads (3); update the studio to import it')
  })

  it('a field of the wrong kind, naming its path', () => {
    const built = file()
    const runs = built.runs as Record<string, unknown>[]
    expect(errorOf(JSON.stringify({ ...built, runs: [{ ...runs[0], status: 'done' }] })).message).toBe(
      'experiment file: runs[0] ("a").status is "done"; expected one of running, finished, failed, cancelled',
    )
    expect(errorOf(JSON.stringify({ ...built, runs: [{ ...runs[0], metrics: { auc: 'high' } }] })).message).toMatch(/runs\[0\] \("a"\)\.metrics\.auc is "high"; expected a number or null/)
    expect(errorOf(JSON.stringify({ ...built, runs: [{ ...runs[0], bundle: { ...tinyBundle(), task: 'ranking' } }] })).message).toMatch(
      /^experiment file: runs\[0\] \("a"\)\.bundle: bundle: task: expected one of "binary", "multiclass", "regression", got "ranking"/,
    )
    expect(errorOf(JSON.stringify({ ...built, experiment: { ...experiment, createdAt: 'March' } })).message).toMatch(/experiment\.createdAt is "March"; expected an ISO date/)
    expect(errorOf(JSON.stringify({ ...built, runs: 'none' })).message).toBe('experiment file: runs is "none"; expected a list')
  })

  it('a registry that breaks the rules: two Production versions, a history that disagrees, a repeated name', () => {
    const built = file()
    const [model] = registry()
    const twoLive = addModelVersion(model, 'b', '', '2026-03-02T00:00:00Z').model
    twoLive.versions[1].stage = 'Production'
    expect(errorOf(JSON.stringify({ ...built, registry: [twoLive] })).message).toBe(
      'experiment file: registry[0] (model "Sepsis"): versions 1 and 2 are all in Production; at most one may be',
    )
    const rewritten = { ...model, versions: [{ ...model.versions[0], stage: 'Staging' }] }
    expect(errorOf(JSON.stringify({ ...built, registry: [rewritten] })).message).toMatch(/version 1 is in Staging, but its history leaves it in Production/)
    expect(errorOf(JSON.stringify({ ...built, registry: [model, model] })).message).toMatch(/registered model name "Sepsis" \(2 times\) repeated/)
  })
})

describe('older runs in a file are migrated', () => {
  it('brings schema 1 and 2 runs to the current schema and files them under the file\'s experiment', () => {
    const custom = newExperiment('f', 'My study', '2026-01-01T00:00:00Z', { id: 'exp-mine' })
    const text = JSON.stringify({ ...file(), experiment: custom, registry: undefined, runs: [schema1Run('old', '2025-01-01T00:00:00Z'), schema2Run('mid', '2025-06-01T00:00:00Z')] })
    const parsed = parseExperimentFile(text)
    expect(parsed.runs.map((r) => [r.id, r.schemaVersion, r.experimentId, r.tags, r.note, r.recipe])).toEqual([
      ['old', 3, 'exp-mine', [], '', null],
      ['mid', 3, 'exp-mine', [], '', null],
    ])
    expect(parsed.runs[0].pipelineConfig).toBeNull()
  })
})
