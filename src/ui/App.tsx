import { useEffect, useRef } from 'react'
import { loadSample, useDataStore } from '../state/data-store'
import { initRuns } from '../state/runs-store'
import { SAMPLES } from '../state/samples'
import { useTrainStore } from '../state/train-store'
import { showPage, useUiStore, type PageId } from '../state/ui-store'
import { CleanPage } from './clean/CleanPage'
import { DataPage } from './data/DataPage'
import { EvaluatePage } from './evaluate/EvaluatePage'
import { PipelinesPage } from './pipelines/PipelinesPage'
import { MonitorPage } from './monitor/MonitorPage'
import { PredictPage } from './predict/PredictPage'
import { RegistryPage } from './registry/RegistryPage'
import { RunsPage } from './runs/RunsPage'
import { TrainPage } from './train/TrainPage'

const PAGES: { id: PageId; label: string; hint: string }[] = [
  { id: 'data', label: 'Data', hint: 'Load, profile, choose target' },
  { id: 'clean', label: 'Clean', hint: 'Validate and fix, as a recipe' },
  { id: 'train', label: 'Train', hint: 'Fit and evaluate a model' },
  { id: 'evaluate', label: 'Evaluate', hint: 'Cross-validate, search, compare' },
  { id: 'runs', label: 'Runs', hint: 'Every run, kept in this browser' },
  { id: 'registry', label: 'Registry', hint: 'Versions, stages, history' },
  { id: 'pipelines', label: 'Pipelines', hint: 'Re-run on new data, promote' },
  { id: 'predict', label: 'Predict', hint: 'One patient, or a whole file' },
  { id: 'monitor', label: 'Monitor', hint: 'Has the data drifted?' },
]

let started = false

/** Loads the Parkinson's sample and saved runs once, when the page opens. */
function startStudio(): void {
  if (started) return
  started = true
  void initRuns()
  if (!useDataStore.getState().view) void loadSample(SAMPLES[0])
}

/**
 * When the page changes (a step tab, "Continue to training", a link to another
 * step), keyboard focus moves to the new page's first heading instead of
 * staying on a control that is gone or dropping to the top of the document.
 */
function useFocusOnPageChange(page: PageId) {
  const main = useRef<HTMLElement>(null)
  const shown = useRef(page)
  useEffect(() => {
    if (shown.current === page) return
    shown.current = page
    const heading = main.current?.querySelector<HTMLElement>('h1, h2')
    if (!heading) return
    heading.tabIndex = -1
    heading.focus()
  }, [page])
  return main
}

export function App() {
  const page = useUiStore((s) => s.page)
  const training = useTrainStore((s) => s.active.length > 0)
  const main = useFocusOnPageChange(page)
  useEffect(startStudio, [])
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <svg viewBox="0 0 32 32" aria-hidden="true" className="logo">
            <rect width="32" height="32" rx="7" />
            <path d="M6 17h5l2.5-6 4 12 3-8 1.5 2H26" />
          </svg>
          <span className="brand-name">Clinical ML Studio</span>
        </div>
        <p className="privacy" title="Files are read and models trained by this page on your computer; nothing is uploaded.">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="lock">
            <rect x="3" y="7" width="10" height="7" rx="1.5" />
            <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
          </svg>
          Patient data stays in this browser
        </p>
      </header>
      <nav className="tabs" aria-label="Studio sections">
        {PAGES.map((p, i) => (
          <button
            key={p.id}
            type="button"
            className="tab"
            aria-label={p.label}
            aria-current={page === p.id ? 'page' : undefined}
            onClick={() => showPage(p.id)}
          >
            <span className="tab-step" aria-hidden="true">{i + 1}</span>
            <span className="tab-text">
              <span className="tab-label">{p.label}</span>
              <span className="tab-hint">{p.hint}</span>
            </span>
            {p.id === 'train' && training && <span className="pulse" aria-label="training in progress" />}
          </button>
        ))}
      </nav>
      <main className="content" ref={main}>
        {page === 'data' && <DataPage />}
        {page === 'clean' && <CleanPage />}
        {page === 'train' && <TrainPage />}
        {page === 'evaluate' && <EvaluatePage />}
        {page === 'runs' && <RunsPage />}
        {page === 'registry' && <RegistryPage />}
        {page === 'pipelines' && <PipelinesPage />}
        {page === 'predict' && <PredictPage />}
        {page === 'monitor' && <MonitorPage />}
      </main>
    </div>
  )
}
