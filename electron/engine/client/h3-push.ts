/**
 * A pushed response as the raw client receives it (RFC 9114 §4.6): the PUSH_PROMISE on a request stream carries
 * the promised request, a push stream carries the response. Either may arrive first; the push is whole when both
 * did and the push stream ended.
 */
import type { HeaderField } from '../../../shared/events';
import { ResponseCollector, type H3ClientResponse } from './h3-exchange';

/** One server push. */
export class H3Push {
  /** The promised request (empty until the PUSH_PROMISE arrived). */
  promised: readonly HeaderField[] = [];
  /** The request stream that carried the PUSH_PROMISE. */
  requestStreamId: number | null = null;
  /** The push stream (null until it opened). */
  streamId: number | null = null;
  /** The pushed response's header sections and content. */
  readonly collector = new ResponseCollector();
  /** The pushed response, once its push stream ended; rejects when the push was cancelled or reset. */
  readonly response: Promise<H3ClientResponse>;
  private resolve!: (r: H3ClientResponse) => void;
  private reject!: (e: Error) => void;
  private settled = false;

  /** @param pushId the push id (§4.6)  @param createdAt session clock (ms) when we first heard of it */
  constructor(
    readonly pushId: number,
    readonly createdAt: number,
  ) {
    this.response = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.response.catch(() => undefined);
  }

  /** The promised request's :path. */
  get path(): string {
    return this.promised.find(([n]) => n === ':path')?.[1] ?? '';
  }

  /** True once the response ended or the push failed. */
  get done(): boolean {
    return this.settled;
  }

  /** The push stream ended. */
  finish(now: number): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(this.collector.result(this.streamId ?? -1, this.createdAt, this.createdAt, now));
  }

  /** Cancelled (CANCEL_PUSH) or reset. */
  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}
