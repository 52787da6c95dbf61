import * as Comlink from 'comlink'
import { afterEach, describe, expect, it } from 'vitest'
import { CancelledError, StudioError } from '../../../src/core/errors'
import { userMessage } from '../../../src/core/user-message'
import { InputError } from '../../../src/core/bundle/input-error'
import { errorFromWire, errorToWire, installErrorTransfer } from '../../../src/services/error-transfer'

/**
 * Errors cross the worker boundary through comlink. A MessageChannel gives the
 * same structured-clone trip in Node: what the page receives from a worker.
 */
const api = {
  refuseRecipe(): never {
    throw new StudioError('recipe-conversion-failed', 'recipe: step 1 (convert): none of the 3 values of "edss" is a number (e.g. "high"); converting would leave the column empty')
  },
  cancel(): never {
    throw new CancelledError()
  },
  crash(): never {
    throw Object.assign(new TypeError('x is not a function'), { code: 42 })
  },
  rejectText(): Promise<never> {
    return Promise.reject('plain text')
  },
}

const ports: MessagePort[] = []

function remote(): Comlink.Remote<typeof api> {
  installErrorTransfer()
  const { port1, port2 } = new MessageChannel()
  ports.push(port1, port2)
  Comlink.expose(api, port1)
  return Comlink.wrap<typeof api>(port2)
}

afterEach(() => {
  for (const port of ports.splice(0)) port.close()
})

async function thrown(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('the call did not fail')
}

describe('errors across the worker boundary', () => {
  it('a StudioError arrives as a StudioError with its code and technical message', async () => {
    const error = await thrown(remote().refuseRecipe())
    expect(error).toBeInstanceOf(StudioError)
    expect((error as StudioError).code).toBe('recipe-conversion-failed')
    expect((error as StudioError).message).toMatch(/^recipe: step 1 \(convert\): none of the 3 values/)
    // …so the page can say it plainly.
    expect(userMessage(error)).toBe('Step 1 (Convert a column type): none of the 3 values of "edss" is a number (e.g. "high"); converting would leave the column empty.')
  })

  it('a cancellation arrives as a CancelledError; other errors keep their name and message', async () => {
    expect(await thrown(remote().cancel())).toBeInstanceOf(CancelledError)
    const crash = (await thrown(remote().crash())) as Error & { code?: unknown }
    expect(crash).toBeInstanceOf(Error)
    expect(crash).not.toBeInstanceOf(StudioError)
    expect(crash.name).toBe('TypeError')
    expect(crash.message).toBe('x is not a function')
    expect(crash.code).toBeUndefined() // only string codes are carried
    expect(await thrown(remote().rejectText())).toBe('plain text')
  })

  it('the wire form carries the code and rebuilds the class', () => {
    const wire = errorToWire(new StudioError('parquet-truncated', 'parquet: "a.parquet" is truncated'))
    expect(wire).toMatchObject({ isError: true, value: { name: 'StudioError', code: 'parquet-truncated', message: 'parquet: "a.parquet" is truncated' } })
    const back = errorFromWire((wire as { value: { message: string; name: string; code?: string } }).value)
    expect(back).toBeInstanceOf(StudioError)
    expect((back as StudioError).code).toBe('parquet-truncated')
    expect(errorToWire('text')).toEqual({ isError: false, value: 'text' })
  })

  it("keeps a Predictor InputError's row, column and what was expected", () => {
    const wire = errorToWire(new InputError('input-type', 'input: row 3, column "age": expected a number, got "x"', { row: 3, column: 'age', expected: 'a number' }))
    const back = errorFromWire((wire as { value: Parameters<typeof errorFromWire>[0] }).value)
    expect(back).toBeInstanceOf(InputError)
    expect(back).toBeInstanceOf(StudioError)
    expect(back).toMatchObject({ code: 'input-type', row: 3, column: 'age', expected: 'a number', message: 'input: row 3, column "age": expected a number, got "x"' })
  })
})
