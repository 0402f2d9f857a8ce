/**
 * A passive HTTP/2 frame observer for one direction of a connection we only watch (the embedded server is
 * Node's nghttp2; we tap its plaintext). It decodes frames, joins field blocks and decodes them with a passive
 * HPACK decoder, and reports the same trace items as a connection core ('h2:frame', 'hpack:table_updated',
 * 'h2:error'). It never answers anything. The client-to-server direction starts with the preface (§3.4).
 *
 * Pair the two observers of a connection (`pair`) so SETTINGS_HEADER_TABLE_SIZE sent one way reaches the
 * decoder of the other way when it is acknowledged (RFC 7541 §4.2).
 */
import type { Direction } from '../../../../shared/events';
import { EventQueue, type H2CoreEvent } from './core-events';
import { blockFieldSpans, frameEventData, tableEventData } from './frame-events';
import { ErrorCode, H2Error, NeedMore, errorCodeName } from './errors';
import { headerSpans, MalformedFrame } from './frames/codec';
import { FrameBuffer } from './frames/frame-buffer';
import { CLIENT_PREFACE, matchPreface } from './frames/preface';
import { MAX_MAX_FRAME_SIZE, SettingId } from './frames/settings';
import { frameTypeName, type DecodedFrame, type Setting } from './frames/types';
import { HeaderBlockAssembler } from './header-block';
import { HpackDecoder, type DecodedBlock } from './hpack';

/** Options of an observer. */
export interface H2FrameObserverOptions {
  /** How the vantage point saw these bytes: 'sent' or 'received'. */
  readonly dir: Direction;
  /** True for the client-to-server direction: the bytes start with the client preface. */
  readonly expectPreface: boolean;
  /** The largest frame accepted. Default 2^24-1 (an observer does not enforce the endpoints' limits). */
  readonly maxFrameSize?: number;
  /** The largest header list decoded in full. Default 1 MiB. */
  readonly maxHeaderListSize?: number;
}

/** Decodes one direction of an HTTP/2 byte stream into trace items, passively. */
export class H2FrameObserver {
  private readonly events = new EventQueue();
  private readonly input = new FrameBuffer();
  private readonly assembler = new HeaderBlockAssembler();
  private readonly decoder: HpackDecoder;
  private prefaceLeft: number;
  private dead = false;
  private opposite: H2FrameObserver | null = null;
  /** SETTINGS this direction sent that the other direction has not acknowledged yet. */
  private readonly unacked: Setting[][] = [];

  /** @param options direction and limits */
  constructor(private readonly options: H2FrameObserverOptions) {
    this.prefaceLeft = options.expectPreface ? CLIENT_PREFACE.length : 0;
    this.decoder = new HpackDecoder({ maxHeaderListSize: options.maxHeaderListSize ?? 1 << 20 });
  }

  /** Links the observers of the two directions of one connection. */
  static pair(a: H2FrameObserver, b: H2FrameObserver): void {
    a.opposite = b;
    b.opposite = a;
  }

  /** True after an error the framing cannot recover from; later bytes are ignored. */
  get stopped(): boolean {
    return this.dead;
  }

  /** Bytes of this direction, in order, split anywhere. Never throws. */
  push(bytes: Uint8Array): void {
    if (this.dead) return;
    try {
      this.input.push(bytes);
      if (this.prefaceLeft > 0 && !this.readPreface()) return;
      this.readFrames();
    } catch (e) {
      this.fail(new H2Error(ErrorCode.INTERNAL_ERROR, 'connection', `observer failure: ${e instanceof Error ? e.message : String(e)}`, 'local'));
    }
  }

  /** Trace items (and 'preface' app events) since the last call. */
  drainEvents(): H2CoreEvent[] {
    return this.events.drain();
  }

  private readPreface(): boolean {
    const have = this.input.peek(CLIENT_PREFACE.length);
    const m = matchPreface(have);
    if (m === 'mismatch') {
      this.fail(new H2Error(ErrorCode.PROTOCOL_ERROR, 'connection', 'the bytes do not start with the HTTP/2 client preface (§3.4)', 'remote'));
      return false;
    }
    if (m === 'partial') return false;
    this.input.consume(CLIENT_PREFACE.length);
    this.prefaceLeft = 0;
    this.events.push({ kind: 'preface', raw: CLIENT_PREFACE });
    return true;
  }

  private readFrames(): void {
    while (!this.dead) {
      const r = this.input.next(this.options.maxFrameSize ?? MAX_MAX_FRAME_SIZE);
      if (r instanceof NeedMore) return;
      if (r instanceof MalformedFrame) {
        this.trace(r.header, r.raw, null, undefined, r.error.reason);
        if (r.error.scope === 'connection' || !r.raw) this.fail(r.error);
        else this.error(r.error);
        continue;
      }
      this.onFrame(r);
    }
  }

  private onFrame(d: DecodedFrame): void {
    const step = this.assembler.push(d.frame);
    if (step.kind === 'error') {
      this.trace(d.header, d.raw, d);
      this.fail(step.error.withFrameType(d.header.type));
      return;
    }
    if (step.kind !== 'complete') {
      this.trace(d.header, d.raw, d);
      if (d.frame.type === 'SETTINGS') this.onSettings(d.frame.ack, d.frame.settings);
      return;
    }
    let block: DecodedBlock;
    try {
      block = this.decoder.decode(step.complete.block);
    } catch (e) {
      const err = e as { code?: string; block?: DecodedBlock; reason?: string; message?: string };
      if (err.code === 'HEADER_LIST_TOO_LARGE' && err.block) {
        block = err.block;
      } else {
        this.trace(d.header, d.raw, d);
        this.fail(new H2Error(ErrorCode.COMPRESSION_ERROR, 'connection', err.reason ?? err.message ?? 'HPACK decoding failed', 'remote'));
        return;
      }
    }
    this.trace(d.header, d.raw, d, block, undefined, step.complete.block.length);
    const table = tableEventData(block);
    if (table) this.events.trace('hpack:table_updated', table, { dir: this.options.dir, stream: step.complete.first.streamId });
  }

  private onSettings(ack: boolean, settings: readonly Setting[]): void {
    if (!ack) {
      this.unacked.push([...settings]);
      return;
    }
    // This direction acknowledges the other's SETTINGS: their HEADER_TABLE_SIZE now bounds our encoder's table.
    const theirs = this.opposite?.unacked.shift();
    const hts = theirs?.filter((s) => s.id === SettingId.HEADER_TABLE_SIZE).pop();
    if (hts) this.decoder.setMaxTableSize(hts.value);
  }

  private trace(header: DecodedFrame['header'], raw: Uint8Array | null, d: DecodedFrame | null, block?: DecodedBlock, malformed?: string, blockLength?: number): void {
    const frame = d?.frame ?? null;
    const fields = d ? [...d.spans] : headerSpans(header.length);
    if (block && frame && 'headerBlock' in frame && frame.headerBlock.length === blockLength) {
      const at = fields.find((f) => f.path === 'header-block');
      if (at) fields.push(...blockFieldSpans(block, at.start));
    }
    const stream = header.streamId || (frame?.type === 'PRIORITY_UPDATE' ? frame.prioritizedStreamId : 0);
    this.events.trace('h2:frame', frameEventData(header, frame, block, malformed), {
      dir: this.options.dir,
      ...(stream ? { stream } : {}),
      ...(raw ? { raw } : {}),
      fields,
      ...(frame ? { frame } : {}),
      ...(block ? { block } : {}),
    });
  }

  private error(err: H2Error): void {
    this.events.trace(
      'h2:error',
      {
        code: errorCodeName(err.code),
        codeNumber: err.code,
        scope: err.scope,
        initiator: err.initiator,
        reason: err.reason,
        ...(err.frameType !== undefined ? { frameType: frameTypeName(err.frameType) } : {}),
      },
      err.streamId ? { stream: err.streamId } : {},
    );
  }

  private fail(err: H2Error): void {
    this.error(err);
    this.dead = true;
  }
}
