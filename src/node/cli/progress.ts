/**
 * Fit progress on stderr, one line per tenth of the work, so long runs show
 * life without flooding a log (stdout stays reserved for the result).
 */
import type { FitProgress } from '../../core/model/estimator'
import type { CliIO } from './run-cli'

/** An onProgress callback that writes "<command>: 30% (round 30/100, loss 0.41)" at each new tenth. */
export function tenthsReporter(command: string, io: CliIO): (progress: FitProgress) => void {
  let lastTenth = 0
  return (progress) => {
    if (progress.total <= 0) return
    const tenth = Math.floor((10 * progress.done) / progress.total)
    if (tenth <= lastTenth) return
    lastTenth = tenth
    const unit = progress.unit ?? 'iteration'
    const loss = progress.loss !== undefined && Number.isFinite(progress.loss) ? `, loss ${progress.loss.toPrecision(4)}` : ''
    const valid = progress.validLoss !== undefined && Number.isFinite(progress.validLoss) ? `, validation loss ${progress.validLoss.toPrecision(4)}` : ''
    io.stderr(`${command}: ${tenth * 10}% (${unit} ${progress.done}/${progress.total}${loss}${valid})\n`)
  }
}
