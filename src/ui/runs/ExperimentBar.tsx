import { useRef } from 'react'
import { importExperimentText, exportExperimentText, setFilters, useRunsStore } from '../../state/runs-store'
import { downloadText, safeFileName } from '../common/download'

/** Choose an experiment to look at, export it as one file, or import one from another browser. */
export function ExperimentBar() {
  const experiments = useRunsStore((s) => s.experiments)
  const current = useRunsStore((s) => s.filters.experiment)
  const file = useRef<HTMLInputElement>(null)
  const chosen = experiments.find((e) => e.id === current) ?? null
  const importFile = async (text: string) => {
    const question = await importExperimentText(text)
    if (!question) return
    const replace = window.confirm(`${question.conflict}\n\nOK replaces what is here with the file's version; Cancel keeps what is here and imports only what is new.`)
    await importExperimentText(text, replace ? 'replace' : 'skip')
  }
  return (
    <div className="row experiment-bar">
      <label htmlFor="experiment">Experiment</label>
      <select id="experiment" value={current ?? ''} onChange={(e) => setFilters({ experiment: e.target.value || null })}>
        <option value="">All experiments</option>
        {experiments.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="ghost small"
        disabled={!chosen}
        onClick={async () => {
          if (!chosen) return
          const text = await exportExperimentText(chosen.id)
          if (text) downloadText(`${safeFileName(chosen.name)}.experiment.json`, text)
        }}
      >
        Export experiment
      </button>
      <button type="button" className="ghost small" onClick={() => file.current?.click()}>
        Import experiment…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label="Import an experiment file"
        onChange={async (e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f) await importFile(await f.text())
        }}
      />
    </div>
  )
}
