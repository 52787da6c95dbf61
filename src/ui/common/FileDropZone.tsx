import { useRef, useState, type DragEvent, type ReactNode } from 'react'

/** The data files the studio reads: CSV (and gzipped CSV), Parquet and Excel. */
export const DATA_FILE_ACCEPT = '.csv,.tsv,.txt,.parquet,.xlsx,.gz,text/csv,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface FileDropZoneProps {
  /** The region's accessible name ("Drop a CSV, Parquet or Excel file here"). */
  label: string
  /** The hidden file input's accessible name (tests and screen readers find it by this). */
  inputLabel: string
  /** While true, a drop or a pick is ignored. */
  disabled: boolean
  onFile: (file: File) => void
  className?: string
  /** The zone's content; `choose` opens the file dialog (for its "Choose a file…" button). */
  children: (choose: () => void) => ReactNode
}

/**
 * A region that takes a dropped data file, with a hidden file input opened by
 * a button inside it: the Data page, the Predict page's batch and the
 * Pipelines page's "Run on new data" all take files this way.
 */
export function FileDropZone({ label, inputLabel, disabled, onFile, className, children }: FileDropZoneProps) {
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const file = event.dataTransfer.files[0]
    if (file && !disabled) onFile(file)
  }
  return (
    <div
      className={`dropzone${className ? ` ${className}` : ''}${dragging ? ' dragging' : ''}`}
      role="region"
      aria-label={label}
      onDragEnter={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragOver={(e) => e.preventDefault()}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {children(() => input.current?.click())}
      {/* Reached through the zone's button, so not a tab stop of its own (it is invisible). */}
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        className="visually-hidden"
        aria-label={inputLabel}
        accept={DATA_FILE_ACCEPT}
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file && !disabled) onFile(file)
          e.target.value = ''
        }}
      />
    </div>
  )
}
