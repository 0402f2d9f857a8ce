/** NEW_TOKEN (RFC 9000 §19.7): Token Length (i), Token. */
import { UsageError } from '../wire/errors';
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { frameEncodingError } from './frame-error';
import { FrameType, type NewTokenFrame } from './types';

/** Decodes NEW_TOKEN; an empty token is FRAME_ENCODING_ERROR (§19.7). */
export function decodeNewTokenFrame(r: Reader): NewTokenFrame {
  const length = r.varint('Token Length');
  if (length === 0) throw frameEncodingError(FrameType.NEW_TOKEN, 'empty NEW_TOKEN token');
  return { type: 'new_token', token: r.bytesCopy(length, 'Token') };
}

/** Encodes NEW_TOKEN. */
export function encodeNewTokenFrame(w: Writer, f: NewTokenFrame): void {
  if (f.token.length === 0) throw new UsageError('NEW_TOKEN token must not be empty');
  w.u8(FrameType.NEW_TOKEN).varint(f.token.length).bytes(f.token);
}
