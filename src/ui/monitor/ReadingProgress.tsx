import type { DriftSlot } from '../../services/drift-types'
import { useMonitorStore } from '../../state/monitor-store'
import { formatNumber } from '../common/format'
import { ProgressBar } from '../common/ProgressBar'

/** Progress of reading the reference or current file in the drift worker. */
export function ReadingProgress({ slot }: { slot: DriftSlot }) {
  const reading = useMonitorStore((s) => s.reading)
  if (reading?.slot !== slot) return null
  const p = reading.progress
  return (
    <ProgressBar
      label={`Reading the ${slot} file`}
      value={p.total > 0 ? p.done : null}
      max={Math.max(1, p.total)}
      text={p.total > 0 ? `${p.stage}: ${formatNumber(p.done)} of ${formatNumber(p.total)}` : p.stage}
    />
  )
}
