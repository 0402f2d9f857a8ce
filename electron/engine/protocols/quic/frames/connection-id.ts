/** NEW_CONNECTION_ID (RFC 9000 §19.15) and RETIRE_CONNECTION_ID (§19.16). */
import { UsageError } from '../wire/errors';
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { frameEncodingError } from './frame-error';
import { FrameType, type NewConnectionIdFrame, type RetireConnectionIdFrame } from './types';

/** Decodes NEW_CONNECTION_ID: Sequence Number (i), Retire Prior To (i), Length (8), Connection ID, Stateless Reset Token (128). */
export function decodeNewConnectionIdFrame(r: Reader): NewConnectionIdFrame {
  const t = FrameType.NEW_CONNECTION_ID;
  const sequenceNumber = r.varint('Sequence Number');
  const retirePriorTo = r.varint('Retire Prior To');
  // §19.15: Retire Prior To above Sequence Number is FRAME_ENCODING_ERROR
  if (retirePriorTo > sequenceNumber) throw frameEncodingError(t, 'Retire Prior To greater than Sequence Number');
  const length = r.u8('Length');
  // §19.15: a length outside 1..20 is FRAME_ENCODING_ERROR
  if (length < 1 || length > 20) throw frameEncodingError(t, `connection ID length ${length} outside 1..20`);
  const connectionId = r.bytesCopy(length, 'Connection ID');
  return { type: 'new_connection_id', sequenceNumber, retirePriorTo, connectionId, statelessResetToken: r.bytesCopy(16, 'Stateless Reset Token') };
}

/** Encodes NEW_CONNECTION_ID. */
export function encodeNewConnectionIdFrame(w: Writer, f: NewConnectionIdFrame): void {
  if (f.connectionId.length < 1 || f.connectionId.length > 20) throw new UsageError('NEW_CONNECTION_ID connection ID must be 1..20 bytes');
  if (f.statelessResetToken.length !== 16) throw new UsageError('stateless reset token must be 16 bytes');
  if (f.retirePriorTo > f.sequenceNumber) throw new UsageError('Retire Prior To must not exceed Sequence Number');
  w.u8(FrameType.NEW_CONNECTION_ID).varint(f.sequenceNumber).varint(f.retirePriorTo).u8(f.connectionId.length).bytes(f.connectionId).bytes(f.statelessResetToken);
}

/** Decodes RETIRE_CONNECTION_ID: Sequence Number (i). */
export function decodeRetireConnectionIdFrame(r: Reader): RetireConnectionIdFrame {
  return { type: 'retire_connection_id', sequenceNumber: r.varint('Sequence Number') };
}

/** Encodes RETIRE_CONNECTION_ID. */
export function encodeRetireConnectionIdFrame(w: Writer, f: RetireConnectionIdFrame): void {
  w.u8(FrameType.RETIRE_CONNECTION_ID).varint(f.sequenceNumber);
}
