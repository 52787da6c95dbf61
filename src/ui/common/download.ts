/** Saves bytes as a file through a temporary object URL (nothing leaves the browser). */
export function downloadBytes(fileName: string, bytes: Uint8Array | string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves text (JSON by default) as a file. */
export function downloadText(fileName: string, text: string, mimeType = 'application/json'): void {
  downloadBytes(fileName, text, mimeType)
}

/** A file name made from free text: letters, digits, dots, dashes. */
export function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'file'
}
