import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DriftReport } from '../../../src/core/drift/types'
import { StudioError } from '../../../src/core/errors'
import { column, report } from './drift-fixtures'

const client = vi.hoisted(() => ({
  loadDriftModel: vi.fn(),
  clearDriftModel: vi.fn(),
  readDriftFile: vi.fn(),
  runDrift: vi.fn(),
  exportDrift: vi.fn(),
  stopDrift: vi.fn(),
}))
vi.mock('../../../src/services/drift-client', () => client)
vi.mock('../../../src/services/storage/artifacts', () => ({ getRunBundle: vi.fn(async () => ({ format: 'bundle' })) }))
vi.mock('../../../src/state/registry-store', () => ({
  refreshRegistry: vi.fn(async () => undefined),
  useRegistryStore: { getState: () => ({ models: [] }) },
}))
vi.mock('../../../src/state/runs-store', () => ({
  refreshRuns: vi.fn(async () => undefined),
  useRunsStore: {
    getState: () => ({
      runs: [{ id: 'r1', status: 'finished', startedAt: '2026-01-02T10:00:00.000Z', dataset: { name: 'parkinsons.csv' }, target: 'Diagnosis', family: 'logistic', bundle: null, bundleSummary: { bytes: 1 } }],
    }),
  },
}))

const monitor = await import('../../../src/state/monitor-store')
const { useUiStore } = await import('../../../src/state/ui-store')

const summary = (fileName: string) => ({ fileName, rows: 10, columns: ['Age'], warnings: [] })
const file = (name: string) => new File(['Age\n1\n'], name, { type: 'text/csv' })

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('the Monitor store', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    monitor.useMonitorStore.setState({
      referenceKind: 'model', choice: null, model: null, modelLoading: false, referenceFile: null, current: null, reading: null,
      driftShare: 0.5, overrides: {}, progress: null, report: null, error: null, openColumn: null,
    })
    client.loadDriftModel.mockResolvedValue({ task: 'binary', target: 'Diagnosis', columns: ['Age'], referenceRows: 100 })
    client.readDriftFile.mockImplementation(async (_slot: string, f: File) => summary(f.name))
    client.runDrift.mockResolvedValue(report([column('Age')]))
  })

  it('opens on the default model and runs the report as soon as a current file is read', async () => {
    await monitor.initMonitor()
    expect(monitor.useMonitorStore.getState().choice).toBe('run:r1')
    expect(client.runDrift).not.toHaveBeenCalled() // nothing to compare yet
    await monitor.readMonitorFile('current', file('now.csv'))
    expect(client.readDriftFile).toHaveBeenCalledWith('current', expect.any(File), expect.any(Function))
    expect(client.runDrift).toHaveBeenCalledTimes(1)
    expect(client.runDrift.mock.calls[0][0]).toEqual({ reference: 'model', options: { driftShare: 0.5, overrides: {} } })
    expect(monitor.useMonitorStore.getState()).toMatchObject({ current: { fileName: 'now.csv', source: 'file' }, progress: null, error: null })
    expect(monitor.useMonitorStore.getState().report?.columns[0].name).toBe('Age')
  })

  it('re-runs with a column’s override and the dataset drift share; removing the override drops it', async () => {
    await monitor.chooseReferenceModel('run:r1')
    await monitor.readMonitorFile('current', file('now.csv'))
    monitor.setOverride('Age', { test: 'psi', threshold: 0.3 })
    await vi.waitFor(() => expect(client.runDrift).toHaveBeenCalledTimes(2))
    expect(client.runDrift.mock.calls[1][0].options).toEqual({ driftShare: 0.5, overrides: { Age: { test: 'psi', threshold: 0.3 } } })
    monitor.setDriftShare(0.8)
    await vi.waitFor(() => expect(client.runDrift).toHaveBeenCalledTimes(3))
    expect(client.runDrift.mock.calls[2][0].options.driftShare).toBe(0.8)
    monitor.setOverride('Age', null)
    await vi.waitFor(() => expect(client.runDrift).toHaveBeenCalledTimes(4))
    expect(client.runDrift.mock.calls[3][0].options.overrides).toEqual({})
    monitor.setDriftShare(0) // refused: not a share
    expect(client.runDrift).toHaveBeenCalledTimes(4)
  })

  it('takes back an override core refuses, shows why and keeps the last report', async () => {
    await monitor.chooseReferenceModel('run:r1')
    await monitor.readMonitorFile('current', file('now.csv'))
    await monitor.setOverride('BMI', { threshold: 0.3 })
    client.runDrift.mockRejectedValueOnce(new StudioError('drift/bad-override', 'drift: column "Age": the test ks does not fit: ks needs the reference rows'))
    await monitor.setOverride('Age', { test: 'ks' })
    expect(monitor.useMonitorStore.getState().overrides).toEqual({ BMI: { threshold: 0.3 } })
    expect(monitor.useMonitorStore.getState().error).toBe('Column "Age": the test ks does not fit: ks needs the reference rows.')
    expect(monitor.useMonitorStore.getState().report?.columns[0].name).toBe('Age')
  })

  it('keeps only the newest run’s report when an older one finishes later', async () => {
    await monitor.chooseReferenceModel('run:r1')
    const slow = deferred<DriftReport>()
    client.runDrift.mockReturnValueOnce(slow.promise)
    client.readDriftFile.mockResolvedValue(summary('now.csv'))
    const first = monitor.readMonitorFile('current', file('now.csv'))
    await vi.waitFor(() => expect(client.runDrift).toHaveBeenCalledTimes(1))
    // still waiting on the slow run; a new one (a changed override) returns first
    client.runDrift.mockResolvedValueOnce(report([column('Newer')]))
    await monitor.rerun()
    slow.resolve(report([column('Older')]))
    await first
    await vi.waitFor(() => expect(monitor.useMonitorStore.getState().report?.columns[0].name).toBe('Newer'))
    await new Promise((r) => setTimeout(r, 0))
    expect(monitor.useMonitorStore.getState().report?.columns[0].name).toBe('Newer')
  })

  it('shows a worker’s error in plain words and no report', async () => {
    await monitor.chooseReferenceModel('run:r1')
    client.runDrift.mockRejectedValueOnce(new StudioError('drift/no-reference', 'drift: the model bundle has no reference statistics (bundle version 1); export the model again'))
    await monitor.readMonitorFile('current', file('now.csv'))
    expect(monitor.useMonitorStore.getState()).toMatchObject({ report: null, progress: null, error: 'The model bundle has no reference statistics (bundle version 1); export the model again.' })
  })

  it('compares with a data file when asked, and needs that file before running', async () => {
    monitor.setReferenceKind('file')
    await monitor.readMonitorFile('current', file('now.csv'))
    expect(client.runDrift).not.toHaveBeenCalled()
    await monitor.readMonitorFile('reference', file('train.csv'))
    expect(client.runDrift).toHaveBeenCalledWith({ reference: 'file', options: { driftShare: 0.5, overrides: {} } }, expect.any(Function))
  })

  it('“Check drift” on the Predict page opens Monitor with the scored file as current and the model that scored it as reference', async () => {
    await monitor.checkBatchDrift(file('batch.csv'), 'run:r1')
    expect(useUiStore.getState().page).toBe('monitor')
    expect(client.loadDriftModel).toHaveBeenCalledTimes(1)
    expect(monitor.useMonitorStore.getState()).toMatchObject({ referenceKind: 'model', choice: 'run:r1', current: { fileName: 'batch.csv', source: 'batch' } })
    expect(monitor.useMonitorStore.getState().report).not.toBeNull()
  })
})
