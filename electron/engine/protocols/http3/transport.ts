/**
 * The abstract QUIC transport an HTTP/3 core runs over (RFC 9114 §3, §6; RFC 9000 §2-§3). The core never touches
 * QUIC itself: the QUIC connection (or a test harness) calls its inputs and carries out the commands it emits.
 *
 * Inputs (methods of H3Connection):
 * - `streamOpened(id)`: the peer opened stream `id` (optional: the first `streamData` for an unknown id opens it).
 * - `streamData(id, bytes, fin)`: bytes of a stream, in order, any split; `fin` when they end the stream.
 * - `streamReset(id, code)`: the peer sent RESET_STREAM (bytes not yet delivered are gone).
 * - `stopSending(id, code)`: the peer sent STOP_SENDING.
 * - `transportClosed(code, reason, initiator)`: the QUIC connection closed (CONNECTION_CLOSE, idle timeout).
 *
 * Commands (pollCommands), to be carried out in order:
 * - `open`: open a stream. Ids are allocated by the core in the order QUIC allocates them (RFC 9000 §2.1: the
 *   n-th stream of a kind is 4n + kind bits), so the QUIC layer opens the next stream of that kind and gets `id`.
 * - `write`: append bytes to a stream's send buffer; `fin` ends it.
 * - `reset`: RESET_STREAM with an application error code (a no-op on a stream already reset or finished).
 * - `stop_sending`: STOP_SENDING with an application error code.
 * - `close`: CONNECTION_CLOSE of type 0x1d (application) with an HTTP/3 error code and a reason.
 */

/** Something the QUIC layer must do for the HTTP/3 core. */
export type H3Command =
  | { readonly op: 'open'; readonly streamId: number; readonly bidi: boolean }
  | { readonly op: 'write'; readonly streamId: number; readonly bytes: Uint8Array; readonly fin: boolean }
  | { readonly op: 'reset'; readonly streamId: number; readonly code: number }
  | { readonly op: 'stop_sending'; readonly streamId: number; readonly code: number }
  | { readonly op: 'close'; readonly code: number; readonly reason: string };

/** A queue of commands, drained by the QUIC layer. */
export class CommandQueue {
  private commands: H3Command[] = [];

  /** Appends a command. */
  push(c: H3Command): void {
    this.commands.push(c);
  }

  /** Everything since the last poll, oldest first. */
  drain(): H3Command[] {
    const out = this.commands;
    this.commands = [];
    return out;
  }
}
