import { describe, expect, it } from 'vitest';
import { hex, toHexString as h } from '../../tls13/test-helpers';
import { NeedMore, QuicError, UsageError } from './errors';
import { decodePacketNumber, packetNumberLength, truncatePacketNumber } from './packet-number';
import { Reader } from './reader';
import { MAX_VARINT, varintLength } from './varint';
import { encodeToBytes, Writer } from './writer';

describe('variable-length integers (RFC 9000 §16, Appendix A.1 examples)', () => {
  const examples: [string, bigint][] = [
    ['c2197c5eff14e88c', 151288809941952652n],
    ['9d7f3e7d', 494878333n],
    ['7bbd', 15293n],
    ['25', 37n],
    ['4025', 37n],
  ];

  it('decodes the RFC examples', () => {
    for (const [bytes, value] of examples) {
      const r = new Reader(hex(bytes));
      expect(r.varintBig()).toBe(value);
      expect(r.atEnd).toBe(true);
    }
    expect(new Reader(hex('9d7f3e7d')).varint()).toBe(494878333);
  });

  it('encodes minimally, or in a requested longer length', () => {
    expect(h(encodeToBytes((w) => w.varint(151288809941952652n)))).toBe('c2197c5eff14e88c');
    expect(h(encodeToBytes((w) => w.varint(494878333)))).toBe('9d7f3e7d');
    expect(h(encodeToBytes((w) => w.varint(15293)))).toBe('7bbd');
    expect(h(encodeToBytes((w) => w.varint(37)))).toBe('25');
    expect(h(encodeToBytes((w) => w.varint(37, 2)))).toBe('4025');
    expect(h(encodeToBytes((w) => w.varint(MAX_VARINT)))).toBe('ffffffffffffffff');
    expect(() => new Writer().varint(MAX_VARINT + 1n)).toThrow(UsageError);
    expect(() => new Writer().varint(64, 1)).toThrow(UsageError);
    expect(() => new Writer().varint(-1)).toThrow(UsageError);
  });

  it('round-trips boundaries in every length', () => {
    for (const v of [0, 63, 64, 16383, 16384, 1073741823, 1073741824, Number.MAX_SAFE_INTEGER]) {
      const bytes = encodeToBytes((w) => w.varint(v));
      expect(bytes.length).toBe(varintLength(v));
      expect(new Reader(bytes).varint()).toBe(v);
    }
  });

  it('reports values above 2^53-1 in the number API as FRAME_ENCODING_ERROR', () => {
    expect(() => new Reader(hex('ffffffffffffffff')).varint()).toThrow(QuicError);
    expect(new Reader(hex('ffffffffffffffff')).varintBig()).toBe(MAX_VARINT);
  });

  it('throws NeedMore on every truncated prefix, without moving', () => {
    const bytes = hex('c2197c5eff14e88c');
    for (let n = 0; n < bytes.length; n++) {
      const r = new Reader(bytes, 0, n);
      expect(() => r.varintBig()).toThrow(NeedMore);
      expect(r.offset).toBe(0);
    }
  });
});

describe('Reader and Writer', () => {
  it('reads and writes fixed-size integers and bytes', () => {
    const w = new Writer(1);
    w.u8(1).u16(0x0203).u32(0x04050607).uint(0x08090a, 3).bytes(hex('0b0c')).zeros(2);
    const bytes = w.finish();
    expect(h(bytes)).toBe('0102030405060708090a0b0c0000');
    const r = new Reader(bytes);
    expect([r.u8(), r.u16(), r.u32(), r.uint(3)]).toEqual([1, 0x0203, 0x04050607, 0x08090a]);
    expect(h(r.bytesCopy(2))).toBe('0b0c');
    expect(() => r.bytesView(3)).toThrow(NeedMore);
    r.skip(2);
    expect(r.atEnd).toBe(true);
    expect(() => r.u8()).toThrow(NeedMore);
  });

  it('patches a placeholder', () => {
    const w = new Writer();
    w.u16(0).u8(9);
    w.patch(0, hex('abcd'));
    expect(h(w.finish())).toBe('abcd09');
    expect(() => w.patch(2, hex('0000'))).toThrow(UsageError);
  });
});

describe('packet numbers (RFC 9000 §17.1, Appendix A.2, A.3)', () => {
  it('chooses the encoded length from the unacknowledged range (§17.1 examples)', () => {
    expect(packetNumberLength(0xac5c02, 0xabe8b3)).toBe(2);
    expect(packetNumberLength(0xace8fe, 0xabe8b3)).toBe(3);
    expect(packetNumberLength(0, undefined)).toBe(1);
    expect(packetNumberLength(200, undefined)).toBe(2);
    expect(() => packetNumberLength(5, 5)).toThrow(UsageError);
  });

  it('decodes the Appendix A.3 example', () => {
    expect(decodePacketNumber(0xa82f30ea, 0x9b32, 16)).toBe(0xa82f9b32);
  });

  it('decodes with no packet yet, across wraps, and near zero', () => {
    expect(decodePacketNumber(-1, 0, 8)).toBe(0);
    expect(decodePacketNumber(-1, 2, 32)).toBe(2);
    expect(decodePacketNumber(0xff, 0x00, 8)).toBe(0x100);
    expect(decodePacketNumber(0x100, 0xff, 8)).toBe(0xff);
    expect(decodePacketNumber(2 ** 40, 5, 8)).toBe(2 ** 40 + 5);
  });

  it('encode then decode recovers the full number', () => {
    for (const [pn, acked] of [[1000, 990], [0xac5c02, 0xabe8b3], [2 ** 33 + 7, 2 ** 33 - 100], [70000, undefined]] as const) {
      const len = packetNumberLength(pn, acked);
      const largestReceived = pn - 1;
      expect(decodePacketNumber(largestReceived, truncatePacketNumber(pn, len), len * 8)).toBe(pn);
    }
  });
});

describe('tryDecode and error mapping', () => {
  it('returns values for success, need-more and malformed input', async () => {
    const { tryDecode } = await import('./result');
    const { cryptoErrorFromTls } = await import('./errors');
    const { TlsError } = await import('../../tls13/errors');
    expect(tryDecode(() => new Reader(hex('25')).varint())).toEqual({ ok: true, value: 37 });
    const more = tryDecode(() => new Reader(hex('40')).varint());
    expect(more.ok === false && 'needMore' in more && more.needMore.needed).toBe(1);
    const bad = tryDecode(() => new Reader(hex('ffffffffffffffff')).varint());
    expect(bad.ok === false && 'error' in bad && bad.error).toBeInstanceOf(QuicError);
    expect(() => tryDecode(() => { throw new TypeError('bug'); })).toThrow(TypeError);
    const q = cryptoErrorFromTls(new TlsError(120, 'no ALPN', 'local'));
    expect([q.code, q.initiator]).toEqual([0x178, 'local']);
  });
});
