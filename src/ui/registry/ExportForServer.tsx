import { useState } from 'react'
import { exportForServer, useServerExportStore } from '../../state/server-export'
import { downloadText, safeFileName } from '../common/download'
import { serveCommands } from './serve-commands'

/** The button that saves a version's bundle for the model server, with its registry name, version and stage. */
export function ExportForServerButton({ model, version }: { model: string; version: number }) {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="ghost small"
      aria-label={`Export version ${version} of ${model} for the server`}
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        const fileName = `${safeFileName(model)}-v${version}.json`
        const text = await exportForServer(model, version, fileName)
        setBusy(false)
        if (text !== null) downloadText(fileName, text)
      }}
    >
      Export for server
    </button>
  )
}

/** After an export: the file saved and the two commands that serve it, each with a copy button. */
export function ServeInstructions({ model }: { model: string }) {
  const exported = useServerExportStore((s) => s.exported[model])
  if (!exported) return null
  return (
    <section className="server-commands" aria-label={`Serving ${model}`}>
      <h3 className="sub">Serve version {exported.version}</h3>
      <p>
        Saved as <strong className="mono">{exported.fileName}</strong>, with the model's name, version and stage. Either command starts the model server on port 8080; it answers{' '}
        <span className="mono">POST /invocations</span> (MLflow) and <span className="mono">/v2/models/{encodeURIComponent(model)}/infer</span> (Open Inference Protocol).
      </p>
      {serveCommands(exported.fileName).map((c) => (
        <CommandLine key={c.label} label={c.label} command={c.command} />
      ))}
    </section>
  )
}

function CommandLine({ label, command }: { label: string; command: string }) {
  const [copied, setCopied] = useState<string | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command)
      setCopied('Copied.')
    } catch {
      setCopied('The browser did not allow copying; select the command and copy it.')
    }
  }
  return (
    <div className="command">
      <p className="hint">{label}</p>
      <div className="row nowrap">
        <pre>
          <code>{command}</code>
        </pre>
        <button type="button" className="small" aria-label={`Copy: ${label}`} onClick={() => void copy()}>
          Copy
        </button>
        <span role="status" className="hint">
          {copied}
        </span>
      </div>
    </div>
  )
}
