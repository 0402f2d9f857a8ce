/** The error every frame decoder raises for a malformed frame: FRAME_ENCODING_ERROR from the peer (RFC 9000 §12.4). */
import { QuicError, TransportErrorCode } from '../wire/errors';

/** A FRAME_ENCODING_ERROR for a frame of the given type, blamed on the peer. */
export function frameEncodingError(frameType: number, reason: string): QuicError {
  return new QuicError(TransportErrorCode.FRAME_ENCODING_ERROR, reason, 'remote', frameType);
}
