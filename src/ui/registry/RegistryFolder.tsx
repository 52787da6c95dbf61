import { useState } from 'react'
import { importRegistryZip, registryFolderDownload } from '../../state/registry-store'
import { downloadBytes } from '../common/download'
import { FilePickButton } from '../common/FilePickButton'

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
  const [busy, setBusy] = useState(false)
  return (
    <div className="row">
      <FilePickButton
        inputLabel="Registry folder zip file"
        accept=".zip,application/zip"
        disabled={busy}
        onFile={async (file) => {
          setBusy(true)
          await importRegistryZip(file)
          setBusy(false)
        }}
      >
        {busy ? 'Importing…' : 'Import a registry folder (zip)…'}
      </FilePickButton>
    </div>
  )
}
