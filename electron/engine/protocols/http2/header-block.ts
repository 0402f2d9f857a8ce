/**
 * Reassembly of field blocks split over HEADERS / PUSH_PROMISE and CONTINUATION frames (RFC 9113 §4.3, §6.10).
 * While a block is open, only CONTINUATION frames of the same stream may arrive; anything else is a connection
 * error PROTOCOL_ERROR. A block larger than the limit is ENHANCE_YOUR_CALM (a CONTINUATION flood).
 */
import { ErrorCode, type H2Error, connectionError } from './errors';
import type { Frame, HeadersFrame, PushPromiseFrame } from './frames/types';

/** A field block that is complete: its first frame and all fragments joined. */
export interface CompleteBlock {
  readonly first: HeadersFrame | PushPromiseFrame;
  readonly block: Uint8Array;
}

/** What the assembler says about a frame. */
export type BlockStep =
  /** Not part of a field block: process it normally. */
  | { readonly kind: 'other' }
  /** Part of a block that is not complete yet. */
  | { readonly kind: 'partial' }
  | { readonly kind: 'complete'; readonly complete: CompleteBlock }
  | { readonly kind: 'error'; readonly error: H2Error };

/** Joins HEADERS/PUSH_PROMISE + CONTINUATION fragments of one direction. */
export class HeaderBlockAssembler {
  private first: HeadersFrame | PushPromiseFrame | null = null;
  private fragments: Uint8Array[] = [];
  private size = 0;

  /** @param maxBlockSize the largest field block accepted, in octets */
  constructor(private readonly maxBlockSize = 1 << 20) {}

  /** True while a block waits for CONTINUATION. */
  get open(): boolean {
    return this.first !== null;
  }

  /** The stream of the open block, or null. */
  get streamId(): number | null {
    return this.first?.streamId ?? null;
  }

  /** Feeds every decoded frame of the direction, in order. */
  push(frame: Frame): BlockStep {
    if (this.first) {
      if (frame.type !== 'CONTINUATION' || frame.streamId !== this.first.streamId) {
        const what = frame.type === 'CONTINUATION' ? `CONTINUATION on stream ${frame.streamId}` : `a ${frame.type === 'unknown' ? 'frame of unknown type' : frame.type} frame`;
        this.reset();
        return { kind: 'error', error: connectionError(ErrorCode.PROTOCOL_ERROR, `${what} in the middle of a field block (§4.3)`) };
      }
      return this.add(frame.headerBlock, frame.endHeaders);
    }
    switch (frame.type) {
      case 'HEADERS':
      case 'PUSH_PROMISE':
        this.first = frame;
        return this.add(frame.headerBlock, frame.endHeaders);
      case 'CONTINUATION':
        return { kind: 'error', error: connectionError(ErrorCode.PROTOCOL_ERROR, `CONTINUATION on stream ${frame.streamId} without a field block to continue (§6.10)`) };
      default:
        return { kind: 'other' };
    }
  }

  private add(fragment: Uint8Array, end: boolean): BlockStep {
    this.size += fragment.length;
    if (this.size > this.maxBlockSize) {
      this.reset();
      return { kind: 'error', error: connectionError(ErrorCode.ENHANCE_YOUR_CALM, `field block over ${this.maxBlockSize} octets`) };
    }
    this.fragments.push(fragment);
    if (!end) return { kind: 'partial' };
    const first = this.first!;
    const block = this.fragments.length === 1 ? this.fragments[0]! : join(this.fragments, this.size);
    this.reset();
    return { kind: 'complete', complete: { first, block } };
  }

  private reset(): void {
    this.first = null;
    this.fragments = [];
    this.size = 0;
  }
}

function join(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
