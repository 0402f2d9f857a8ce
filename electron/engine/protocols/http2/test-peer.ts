/**
 * Test support: a tiny HTTP/2 server built from the same codecs, in memory, that tests script frame by frame
 * (no flow control or state of its own beyond HPACK), and `exchange` to shuttle bytes between it and a client core.
 */
import type { HeaderField } from '../../../../shared/events';
import { NeedMore } from './errors';
import { encodeFrameBytes, MalformedFrame } from './frames/codec';
import { FrameBuffer } from './frames/frame-buffer';
import { CLIENT_PREFACE } from './frames/preface';
import type { Frame, Setting } from './frames/types';
import { HeaderBlockAssembler } from './header-block';
import { HpackDecoder, HpackEncoder } from './hpack';

/** A request as the test server saw it. */
export interface SeenRequest {
  readonly streamId: number;
  readonly headers: HeaderField[];
  body: Uint8Array;
  ended: boolean;
}

/** The scripted server side. */
export class TestServer {
  /** Every frame received from the client, in order. */
  readonly frames: Frame[] = [];
  readonly requests = new Map<number, SeenRequest>();
  readonly errors: string[] = [];
  prefaceOk = false;
  /** Acknowledge the client's SETTINGS automatically. */
  autoAck = true;
  /** Answer the client's PINGs automatically. */
  autoPong = true;
  readonly encoder = new HpackEncoder();
  private readonly decoder = new HpackDecoder();
  private readonly input = new FrameBuffer();
  private readonly assembler = new HeaderBlockAssembler();
  private out: Uint8Array[] = [];
  private prefaceSeen = 0;

  /** Queues the server's SETTINGS (§3.4). */
  start(settings: readonly Setting[] = []): this {
    this.send({ type: 'SETTINGS', ack: false, settings });
    return this;
  }

  /** Queues a frame. */
  send(frame: Frame): void {
    this.out.push(encodeFrameBytes(frame));
  }

  /** Queues raw bytes. */
  sendBytes(bytes: Uint8Array): void {
    this.out.push(bytes);
  }

  /** Queues a header list as HEADERS + CONTINUATION frames of at most `fragment` block octets each. */
  sendHeaders(streamId: number, headers: readonly HeaderField[], endStream: boolean, fragment = 16384): void {
    const block = this.encoder.encode(headers);
    const first = block.subarray(0, fragment);
    this.send({ type: 'HEADERS', streamId, endStream, endHeaders: first.length === block.length, headerBlock: first });
    for (let off = fragment; off < block.length; off += fragment) {
      const part = block.subarray(off, off + fragment);
      this.send({ type: 'CONTINUATION', streamId, endHeaders: off + fragment >= block.length, headerBlock: part });
    }
  }

  /** Everything queued, or null. */
  take(): Uint8Array | null {
    if (this.out.length === 0) return null;
    const all = new Uint8Array(this.out.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of this.out) {
      all.set(p, o);
      o += p.length;
    }
    this.out = [];
    return all;
  }

  /** Bytes from the client. */
  receive(bytes: Uint8Array): void {
    let b = bytes;
    if (this.prefaceSeen < CLIENT_PREFACE.length) {
      const n = Math.min(b.length, CLIENT_PREFACE.length - this.prefaceSeen);
      for (let i = 0; i < n; i++) if (b[i] !== CLIENT_PREFACE[this.prefaceSeen + i]) this.errors.push('bad preface');
      this.prefaceSeen += n;
      this.prefaceOk = this.prefaceSeen === CLIENT_PREFACE.length && this.errors.length === 0;
      b = b.subarray(n);
    }
    this.input.push(b);
    for (;;) {
      const r = this.input.next(1 << 24);
      if (r instanceof NeedMore) break;
      if (r instanceof MalformedFrame) {
        this.errors.push(r.error.message);
        continue;
      }
      this.onFrame(r.frame);
    }
  }

  private onFrame(f: Frame): void {
    this.frames.push(f);
    const step = this.assembler.push(f);
    if (step.kind === 'error') this.errors.push(step.error.message);
    if (step.kind === 'complete') {
      const { headers } = this.decoder.decode(step.complete.block);
      const first = step.complete.first;
      const req: SeenRequest = { streamId: first.streamId, headers, body: new Uint8Array(0), ended: first.type === 'HEADERS' && first.endStream };
      this.requests.set(first.streamId, req);
    }
    if (f.type === 'SETTINGS' && !f.ack && this.autoAck) this.send({ type: 'SETTINGS', ack: true, settings: [] });
    if (f.type === 'PING' && !f.ack && this.autoPong) this.send({ type: 'PING', ack: true, opaque: f.opaque });
    if (f.type === 'DATA') {
      const req = this.requests.get(f.streamId);
      if (req) {
        const body = new Uint8Array(req.body.length + f.data.length);
        body.set(req.body);
        body.set(f.data, req.body.length);
        req.body = body;
        req.ended ||= f.endStream;
      }
    }
  }
}

/** The minimal client surface `exchange` needs. */
export interface Pumpable {
  pollTransmit(): Uint8Array | null;
  receive(bytes: Uint8Array, now: number): void;
}

/** Moves bytes both ways until neither side has anything to send. */
export function exchange(client: Pumpable, server: TestServer, now = 0): void {
  for (let i = 0; i < 1000; i++) {
    const c = client.pollTransmit();
    if (c) server.receive(c);
    const s = server.take();
    if (s) client.receive(s, now);
    if (!c && !s) return;
  }
  throw new Error('exchange did not settle');
}
