/**
 * ACK and ACK_ECN (RFC 9000 §19.3):
 * Largest Acknowledged (i), ACK Delay (i), ACK Range Count (i), First ACK Range (i),
 * ACK Range (Gap (i), ACK Range Length (i)) ..., [ECN Counts: ECT0 (i), ECT1 (i), ECN-CE (i)].
 */
import { UsageError } from '../wire/errors';
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { frameEncodingError } from './frame-error';
import { FrameType, type AckFrame, type AckRange, type EcnCounts } from './types';

/** Decodes an ACK (0x02) or ACK_ECN (0x03) body. */
export function decodeAckFrame(r: Reader, frameType: number): AckFrame {
  const largest = r.varint('Largest Acknowledged');
  const ackDelay = r.varint('ACK Delay');
  const rangeCount = r.varint('ACK Range Count');
  const firstRange = r.varint('First ACK Range');
  let smallest = largest - firstRange;
  // §19.3.1: a negative packet number is FRAME_ENCODING_ERROR
  if (smallest < 0) throw frameEncodingError(frameType, 'First ACK Range larger than Largest Acknowledged');
  const ranges: AckRange[] = [{ largest, smallest }];
  for (let i = 0; i < rangeCount; i++) {
    const gap = r.varint('Gap');
    const length = r.varint('ACK Range Length');
    const rangeLargest = smallest - gap - 2;
    const rangeSmallest = rangeLargest - length;
    if (rangeSmallest < 0) throw frameEncodingError(frameType, 'ACK range below packet number 0');
    ranges.push({ largest: rangeLargest, smallest: rangeSmallest });
    smallest = rangeSmallest;
  }
  if (frameType !== FrameType.ACK_ECN) return { type: 'ack', ackDelay, ranges };
  const ecn: EcnCounts = { ect0: r.varint('ECT0 Count'), ect1: r.varint('ECT1 Count'), ce: r.varint('ECN-CE Count') };
  return { type: 'ack', ackDelay, ranges, ecn };
}

/** Encodes ACK / ACK_ECN; ranges must be descending and separated by at least one missing number. */
export function encodeAckFrame(w: Writer, f: AckFrame): void {
  const first = f.ranges[0];
  if (!first) throw new UsageError('ACK needs at least one range');
  if (first.smallest > first.largest || first.smallest < 0) throw new UsageError('ACK range with smallest above largest');
  w.u8(f.ecn ? FrameType.ACK_ECN : FrameType.ACK);
  w.varint(first.largest).varint(f.ackDelay).varint(f.ranges.length - 1).varint(first.largest - first.smallest);
  let previousSmallest = first.smallest;
  for (let i = 1; i < f.ranges.length; i++) {
    const range = f.ranges[i]!;
    const gap = previousSmallest - range.largest - 2;
    if (gap < 0 || range.smallest > range.largest || range.smallest < 0) throw new UsageError('ACK ranges must be descending, non-adjacent and non-negative');
    w.varint(gap).varint(range.largest - range.smallest);
    previousSmallest = range.smallest;
  }
  if (f.ecn) w.varint(f.ecn.ect0).varint(f.ecn.ect1).varint(f.ecn.ce);
}
