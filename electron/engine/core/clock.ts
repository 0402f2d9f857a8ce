/**
 * The session clock: one monotonic clock for every event of a session, client and server alike, so their
 * timelines line up without guessing.
 */
import { performance } from 'node:perf_hooks';

/** Milliseconds since the session started, fractional, monotonic. */
export class SessionClock {
  private readonly origin: number;
  /** Wall-clock start, for the session header. */
  readonly startedAt: Date;

  /** @param now a monotonic millisecond source (tests pass a fake one) */
  constructor(private readonly now: () => number = () => performance.now()) {
    this.origin = now();
    this.startedAt = new Date();
  }

  /** Session time now, rounded to a microsecond. */
  time(): number {
    return Math.round((this.now() - this.origin) * 1000) / 1000;
  }
}
