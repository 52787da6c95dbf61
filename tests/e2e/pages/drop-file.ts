import type { Locator } from '@playwright/test'

/**
 * Drops a file on `zone` with a real DataTransfer (dragenter, dragover, drop),
 * as a drag from the desktop would: the page's drop zones read it through the
 * same events and File API a user's drag goes through.
 */
export async function dropFileOn(zone: Locator, name: string, bytes: Buffer, mimeType = 'text/csv'): Promise<void> {
  const base64 = bytes.toString('base64')
  const dataTransfer = await zone.page().evaluateHandle(
    ({ base64, name, mimeType }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], name, { type: mimeType }))
      return transfer
    },
    { base64, name, mimeType },
  )
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer })
}
