import { useRef } from 'react'

interface FilePickButtonProps {
  /** The button's text ("Import a pipeline (JSON)…"). */
  children: string
  /** The hidden file input's accessible name (tests and screen readers find it by this). */
  inputLabel: string
  accept: string
  disabled?: boolean
  onFile: (file: File) => void | Promise<void>
}

/** A button that opens the file dialog of a hidden file input: the button is the one tab stop. */
export function FilePickButton({ children, inputLabel, accept, disabled = false, onFile }: FilePickButtonProps) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" className="ghost" disabled={disabled} onClick={() => input.current?.click()}>
        {children}
      </button>
      {/* Reached through the button above, so not a tab stop of its own (it is invisible). */}
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        className="visually-hidden"
        aria-label={inputLabel}
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void onFile(file)
        }}
      />
    </>
  )
}
