import { METRIC_LABELS, lowerIsBetter } from '../../core/eval/metric-direction'
import { FAMILIES } from '../../core/model/registry'
import type { PipelineSpec, StageRecord } from '../../core/workflow/types'
import { STAGE_NAMES } from '../../core/workflow/types'
import type { PipelineRecord, StoredPipelineRun } from '../../services/pipeline-storage'
import { removePipeline, type LivePipelineRun } from '../../state/pipelines-store'
import { downloadText, safeFileName } from '../common/download'
import { formatDate } from '../common/format'
import { NewDataDrop } from './NewDataDrop'
import { RunHistory } from './RunHistory'
import { StageGraph } from './StageGraph'

const NOT_RUN: StageRecord[] = STAGE_NAMES.map((stage) => ({ stage, status: 'pending', startedAt: null, durationMs: null, rowsIn: null, rowsOut: null, messages: [], error: null }))

/** One saved pipeline: what it does, its stage graph (the run going on, else the latest), Run on new data, and its history. */
export function PipelineCard({ pipeline, runs, live }: { pipeline: PipelineRecord; runs: StoredPipelineRun[]; live: LivePipelineRun | undefined }) {
  const { spec } = pipeline
  const slug = safeFileName(spec.name)
  const latest = runs[0]
  const shown = live?.stages ?? latest?.stages ?? NOT_RUN
  const remove = () => {
    if (window.confirm(`Delete the pipeline "${spec.name}" and the record of its runs? The models it registered stay in the registry.`)) void removePipeline(spec.name)
  }
  return (
    <section className="card pipeline-card" aria-labelledby={`pipeline-${slug}`}>
      <div className="card-head">
        <h2 id={`pipeline-${slug}`}>{spec.name}</h2>
        <div className="row">
          <button type="button" className="ghost small" aria-label={`Download ${spec.name} as JSON`} onClick={() => downloadText(`${slug}.pipeline.json`, JSON.stringify(spec, null, 2))}>
            Download JSON
          </button>
          <button type="button" className="ghost small danger-text" aria-label={`Delete the pipeline ${spec.name}`} onClick={remove}>
            Delete
          </button>
        </div>
      </div>
      <SpecSummary spec={spec} />
      <h3 className="sub">
        {live ? (
          <span role="status">
            Running on {live.fileName}… <span className="spinner inline" aria-hidden="true" />
          </span>
        ) : latest ? (
          `Latest run: ${latest.data.name}, ${formatDate(latest.startedAt)}`
        ) : (
          'Not run yet'
        )}
      </h3>
      <StageGraph stages={shown} label={`Stages of ${spec.name}`} idPrefix={`graph-${slug}`} />
      <NewDataDrop name={spec.name} running={live !== undefined} />
      <h3 className="sub">History</h3>
      <RunHistory name={spec.name} runs={runs} />
    </section>
  )
}

/** The pipeline in words: data, cleaning, target, model, validation, registry and the promotion rule. */
function SpecSummary({ spec }: { spec: PipelineSpec }) {
  const rule = spec.promotion
  const metric = METRIC_LABELS[rule.metric] ?? rule.metric
  const steps = spec.recipe?.steps.length ?? 0
  return (
    <dl className="spec-summary">
      <div>
        <dt>Made from</dt>
        <dd>{spec.source.kind === 'file' ? `${spec.source.name} (fingerprint ${spec.source.fingerprint})` : spec.source.url}</dd>
      </div>
      <div>
        <dt>Cleaning</dt>
        <dd>{steps === 0 ? 'none' : `a recipe of ${steps} step${steps === 1 ? '' : 's'}`}</dd>
      </div>
      <div>
        <dt>Predicts</dt>
        <dd>
          {spec.target} ({spec.task}) from {spec.features.length} column{spec.features.length === 1 ? '' : 's'}
        </dd>
      </div>
      <div>
        <dt>Model</dt>
        <dd>
          {FAMILIES[spec.model.family]?.label ?? spec.model.family}, tested on {Math.round(spec.validation.testShare * 100)}% of rows held out (seed {spec.validation.seed})
        </dd>
      </div>
      <div>
        <dt>Registers as</dt>
        <dd>{spec.registry.modelName}</dd>
      </div>
      <div>
        <dt>Promotes when</dt>
        <dd>
          {metric} is {lowerIsBetter(rule.metric) ? 'lower' : 'higher'} than Production's by at least {rule.minGain}
          {rule.requireGolden ? ', and its golden cases reproduce' : ''}
        </dd>
      </div>
    </dl>
  )
}
