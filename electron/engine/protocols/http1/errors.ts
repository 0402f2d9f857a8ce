/**
 * Errors of the HTTP/1.1 core. Malformed input is not thrown: the parser returns an 'error' item (see items.ts)
 * whose data says what, where and what the server answers. Misuse of the API (e.g. a header value with CR LF
 * given to a serializer) throws {@link Http1UsageError}.
 */

/** The caller passed something the HTTP/1.1 API does not accept. A bug in the caller, not on the wire. */
export class Http1UsageError extends Error {
  /** Always 'usage': tells API misuse apart from wire errors. */
  readonly code = 'usage' as const;

  /** @param message what was wrong  @param argument the argument at fault, e.g. "headers[2].value" */
  constructor(
    message: string,
    readonly argument?: string,
  ) {
    super(argument ? `${argument}: ${message}` : message);
    this.name = 'Http1UsageError';
  }
}
