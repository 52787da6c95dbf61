/**
 * The documented examples stay true: the example pipeline spec parses and
 * runs on the MS sample (Parquet copy) into an empty registry directory, and
 * the Airflow DAG and the README's crontab line call the CLI with options it
 * has, on files that exist. The DAG is checked as Python syntax only
 * (Airflow is not installed here).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runPipeline } from '../../../src/core/workflow/run-pipeline'
import { parsePipelineSpec } from '../../../src/core/workflow/spec'
import { DirectoryRegistry } from '../../../src/node/registry/directory-registry'
import { zlibGunzip } from '../../../src/node/cli/read-input'
import { ROOT } from '../core/workflow/support'

const dir = mkdtempSync(join(tmpdir(), 'studio-pipeline-example-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SPEC = 'deploy/pipelines/ms-response.pipeline.json'
const DAG = 'deploy/airflow/clinical_ml_pipeline.py'

describe('documented pipeline examples', () => {
  it('runs the example spec on the MS sample and promotes its first model', async () => {
    const spec = parsePipelineSpec(JSON.parse(readFileSync(join(ROOT, SPEC), 'utf8')))
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'sample-data/ms-treatment.parquet')))
    const record = await runPipeline(spec, { bytes, fileName: 'ms-treatment.parquet' }, { registry: new DirectoryRegistry(dir), read: { gunzip: zlibGunzip } })
    expect(record.stages.map((s) => s.status)).toEqual(Array(8).fill('done'))
    expect(record.outcome).toBe('promoted')
    // The Parquet copy holds the same data as the CSV the pipeline was saved from.
    expect(record.stages[0].messages).toContain('This is the same data the pipeline was saved from ("ms-treatment.csv").')
    expect(existsSync(join(dir, 'ms-response', 'v1.json'))).toBe(true)
  })

  it('has an Airflow DAG calling the CLI with its own options and the example spec', () => {
    const dag = readFileSync(join(ROOT, DAG), 'utf8')
    expect(dag).toContain('npm run -s pipeline -- ')
    for (const option of ['--spec', '--data', '--registry']) expect(dag).toContain(option)
    expect(dag).toContain(SPEC)
    expect(dag).toContain('skip_on_exit_code=3')
    const python = '/usr/bin/python3'
    if (!existsSync(python)) return
    const parsed = spawnSync(python, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', join(ROOT, DAG)], { encoding: 'utf8' })
    expect(parsed.stderr).toBe('')
    expect(parsed.status).toBe(0)
  })

  it('documents a crontab line and the DAG in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toMatch(/^\d+ \d+ \* \* \* cd \S+ && npm run -s pipeline -- --spec \S+ --data \S+ --registry \S+/m)
    expect(readme).toContain(DAG)
  })
})
