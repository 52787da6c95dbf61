/** A labelled progress bar; `value` null shows an indeterminate bar. */
export function ProgressBar({ label, value, max, text }: { label: string; value: number | null; max: number; text: string }) {
  const share = value === null ? null : Math.min(1, Math.max(0, value / max))
  return (
    <div className="progress">
      <div
        className={`progress-track${share === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value ?? undefined}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={share === null ? undefined : { width: `${share * 100}%` }} />
      </div>
      <span className="progress-text">{text}</span>
    </div>
  )
}
