/**
 * Whether an error means the database cannot be reached right now (it died, is restarting or
 * refuses connections), as opposed to a fault in the request. Such a request fails with 503 and
 * may be retried; the cause chain is walked because Drizzle wraps the driver's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // 08…: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now.
      if (/^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03'].includes(code)) return true;
      if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
    }
    if (
      /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
