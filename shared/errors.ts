/**
 * Errors that cross the API boundary between the engine and the renderer.
 */

/** Why an API call failed. */
export type ApiErrorCode =
  | 'bad_argument' // the caller passed something the API does not accept
  | 'unknown_scenario'
  | 'busy' // a run is already in progress
  | 'not_running'
  | 'corrupt_session' // a session file that is not a Framescope session, or is damaged
  | 'io' // the file system or network failed
  | 'cancelled' // the person closed a dialog
  | 'internal';

/** A typed API error: travels as plain data over IPC and the WebSocket. */
export interface ApiErrorData {
  readonly code: ApiErrorCode;
  readonly message: string;
}

/** An API error as an Error subclass, so hosts can throw it and transports can serialise it. */
export class ApiError extends Error implements ApiErrorData {
  /** @param code why it failed  @param message a sentence for a person */
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Plain data for a transport. */
  toData(): ApiErrorData {
    return { code: this.code, message: this.message };
  }
}

/** Prefix of an Error message that carries an ApiError's data through a boundary that keeps only messages. */
const MESSAGE_MARKER = 'framescope-api-error:';

/**
 * An Error whose message carries the ApiError's code and message as JSON. Electron's contextBridge passes only an
 * error's message to the renderer; toApiError turns this back into the typed error.
 */
export function toTransportableError(error: ApiErrorData): Error {
  return new Error(MESSAGE_MARKER + JSON.stringify({ code: error.code, message: error.message }));
}

/** Rebuilds an ApiError from transported data, or wraps anything else as 'internal'. */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  if (value instanceof Error) {
    const at = value.message.indexOf(MESSAGE_MARKER);
    if (at >= 0) {
      try {
        return toApiError(JSON.parse(value.message.slice(at + MESSAGE_MARKER.length)));
      } catch {
        // not ours after all: fall through
      }
    }
  }
  if (value && typeof value === 'object' && 'code' in value && 'message' in value) {
    const v = value as { code: unknown; message: unknown };
    if (typeof v.code === 'string' && typeof v.message === 'string') return new ApiError(v.code as ApiErrorCode, v.message);
  }
  return new ApiError('internal', value instanceof Error ? value.message : String(value));
}
