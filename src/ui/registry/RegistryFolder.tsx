import { useRef, useState } from 'react'
import { importRegistryZip, registryFolderDownload } from '../../state/registry-store'
import { downloadBytes } from '../common/download'

/** Saves a model as a registry folder zip: the format `npm run pipeline` writes and `npm run serve --model <dir>` serves. */
export function DownloadRegistryFolderButton({ model }: { model: string }) {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="ghost small"
      aria-label={`Download ${model} as a registry folder (zip)`}
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        const zip = await registryFolderDownload(model)
        setBusy(false)
        if (zip) downloadBytes(zip.fileName, zip.bytes, 'application/zip')
      }}
    >
      Download as a registry folder (zip)
    </button>
  )
}

/** Picks a registry folder zip and imports the model in it, with its versions, stages and history. */
export function ImportRegistryFolder() {
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  return (
    <div className="row">
      <button type="button" className="ghost" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import a registry folder (zip)…'}
      </button>
      {/* Reached through the button above, so not a tab stop of its own (it is invisible). */}
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        className="visually-hidden"
        aria-label="Registry folder zip file"
        accept=".zip,application/zip"
        onChange={async (e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (!file) return
          setBusy(true)
          await importRegistryZip(file)
          setBusy(false)
        }}
      />
    </div>
  )
}
