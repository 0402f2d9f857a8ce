/** PATH_CHALLENGE (RFC 9000 §19.17) and PATH_RESPONSE (§19.18): 8 bytes of data each. */
import { UsageError } from '../wire/errors';
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { FrameType, type PathChallengeFrame, type PathResponseFrame } from './types';

/** Decodes PATH_CHALLENGE or PATH_RESPONSE: Data (64). */
export function decodePathFrame(r: Reader, frameType: number): PathChallengeFrame | PathResponseFrame {
  const data = r.bytesCopy(8, 'Data');
  return frameType === FrameType.PATH_CHALLENGE ? { type: 'path_challenge', data } : { type: 'path_response', data };
}

/** Encodes PATH_CHALLENGE or PATH_RESPONSE. */
export function encodePathFrame(w: Writer, f: PathChallengeFrame | PathResponseFrame): void {
  if (f.data.length !== 8) throw new UsageError(`${f.type} data must be 8 bytes`);
  w.u8(f.type === 'path_challenge' ? FrameType.PATH_CHALLENGE : FrameType.PATH_RESPONSE).bytes(f.data);
}
