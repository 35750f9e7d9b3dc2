// The "now" a request body is checked against.

/**
 * A fixed instant (tests, a request's own clock), or a function read each time a body is parsed,
 * so a schema made once at start-up (the API contract) still checks against the clock of the moment.
 */
export type Clock = Date | (() => Date);

/** The instant a clock shows now. */
export function readClock(clock: Clock): Date {
  return typeof clock === 'function' ? clock() : clock;
}

/** The server's clock, read at each parse: what the contract's body schemas check against. */
export const serverClock: Clock = () => new Date();
