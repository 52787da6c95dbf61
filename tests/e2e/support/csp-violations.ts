import type { Page, Worker } from '@playwright/test'

/** One refusal by the Content-Security-Policy, as the browser reported it. */
export interface Violation {
  where: string
  directive: string
  blocked: string
  sample?: string
  /** The script that did it, with line and column. */
  source?: string
}

/** What a securitypolicyviolation listener in the page or a worker hands over. */
interface ReportedViolation {
  violatedDirective: string
  blockedURI: string
  sample?: string
  source?: string
}

const CSP_CONSOLE = /Content Security Policy|Refused to (load|execute|connect|create|apply|compile|evaluate)/i

/**
 * Records every Content-Security-Policy violation of a page and its workers,
 * from load to the end of the test: `securitypolicyviolation` events (a
 * listener installed before the page's own scripts, and in every worker as it
 * starts) and the browser's own "Refused to …" console reports.
 */
export async function watchCspViolations(page: Page): Promise<Violation[]> {
  const violations: Violation[] = []
  const record = (where: string, event: ReportedViolation): void => {
    violations.push({ where, directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample || undefined, source: event.source })
  }
  await page.exposeBinding('__reportCspViolation', (_source, event: ReportedViolation) => record('page', event))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (event: ReportedViolation) => void }).__reportCspViolation
      report({ violatedDirective: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample, source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` })
    })
  })
  page.on('console', (message) => {
    if (CSP_CONSOLE.test(message.text())) violations.push({ where: 'page console', directive: '', blocked: message.text() })
  })
  page.on('worker', (worker) => void watchWorker(worker, violations))
  return violations
}

async function watchWorker(worker: Worker, violations: Violation[]): Promise<void> {
  const where = `worker ${worker.url().split('/').pop()}`
  worker.on('console', (message) => {
    const text = message.text()
    if (text.startsWith('csp-violation ')) {
      const event = JSON.parse(text.slice('csp-violation '.length)) as ReportedViolation
      violations.push({ where, directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample || undefined, source: event.source })
    } else if (CSP_CONSOLE.test(text)) violations.push({ where: `${where} console`, directive: '', blocked: text })
  })
  try {
    await worker.evaluate(() => {
      self.addEventListener('securitypolicyviolation', (event) => {
        const source = `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`
        console.warn(`csp-violation ${JSON.stringify({ violatedDirective: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample, source })}`)
      })
    })
  } catch {
    // The worker ended (a cancelled run's worker is terminated) before the listener was in.
  }
}
