import type { ReactNode } from 'react'

/** A message the user must see: errors are announced immediately by screen readers (role=alert). */
export function Alert({ tone, title, children, onDismiss }: { tone: 'error' | 'warning' | 'info'; title?: string; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">
        {title && <strong className="alert-title">{title}</strong>}
        <div>{children}</div>
      </div>
      {onDismiss && (
        <button type="button" className="ghost small" onClick={onDismiss} aria-label="Dismiss message">
          ✕
        </button>
      )}
    </div>
  )
}
