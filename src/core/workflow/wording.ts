import type { LoadedFile } from '../table/read/read-file'

/* Small wording helpers for the stage messages: plain sentences for the page and the CLI. */

/** "CSV", "Parquet, gzip", 'Excel, sheet "Visits"'. */
export function formatName(file: LoadedFile): string {
  const name = file.format === 'xlsx' ? `Excel, sheet "${file.workbook?.sheet}"` : file.format === 'csv' ? 'CSV' : 'Parquet'
  return file.compression ? `${name}, gzip` : name
}

/** "1 row", "1,470 rows". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`
}

/** The text with its first letter upper-case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
