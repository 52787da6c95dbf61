import 'fake-indexeddb/auto'
import { vi } from 'vitest'
import { DB_NAME, closeStorage } from '../../../src/services/storage/db'

/** Test helpers for the storage module over fake-indexeddb. */

/** Closes the studio's connection and deletes its database: a clean slate. */
export async function resetDatabase(): Promise<void> {
  closeStorage()
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}

/**
 * Opens the database at `version` with a hand-written upgrade, the way an older
 * studio did, then closes it: the starting point of an upgrade test.
 */
export function openRaw(version: number, upgrade: (db: IDBDatabase, tx: IDBTransaction, oldVersion: number) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, version)
    request.onupgradeneeded = (event) => upgrade(request.result, request.transaction!, event.oldVersion)
    request.onsuccess = () => {
      request.result.close()
      resolve()
    }
    request.onerror = () => reject(request.error)
  })
}

/** Reads every record of `store` straight from the database, bypassing the storage module. */
export function readRaw(store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME)
    request.onsuccess = () => {
      const db = request.result
      const all = db.transaction(store).objectStore(store).getAll()
      all.onsuccess = () => {
        db.close()
        resolve(all.result)
      }
      all.onerror = () => reject(all.error)
    }
    request.onerror = () => reject(request.error)
  })
}

/**
 * Makes IndexedDB's put throw QuotaExceededError from call number `failAt` on
 * (1-based), as a full disk does; earlier puts go through. Returns the restore function.
 */
export function fillDiskAfter(failAt: number): () => void {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...args: unknown[]) => unknown } } }).IDBObjectStore.prototype
  const original = proto.put
  let calls = 0
  const spy = vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
    calls++
    if (calls >= failAt) throw new DOMException('quota', 'QuotaExceededError')
    return original.apply(this, args)
  })
  return () => spy.mockRestore()
}
