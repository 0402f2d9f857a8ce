/**
 * One-line summaries and plain-language explanations of events, shared by the renderer's event list and
 * inspector and by the CLI's printout. Pure TypeScript: no node:*, no DOM.
 *
 * Nothing here may throw on odd input: events come from files written by other versions, and a damaged or
 * unexpected `data` shape must still produce a line of text.
 */
import type { EventName, HeaderField, SessionEvent } from './events';

/** A link to the spec section that explains an event. */
export interface EventReference {
  readonly label: string;
  readonly url: string;
}

/** What an event type means, for the inspector. */
export interface EventTypeDescription {
  /** A short human title, e.g. "HTTP/1.1 chunk". */
  readonly title: string;
  /** One paragraph: what happened on the wire and what to look at. */
  readonly explanation: string;
  /** The spec section that defines it. */
  readonly reference?: EventReference;
  /** Further sections worth reading. */
  readonly seeAlso?: readonly EventReference[];
}

const RFC = 'https://www.rfc-editor.org/rfc/';

/** A reference to a section of an RFC, e.g. ref(9112, '7.1', 'Chunked Transfer Coding'). */
function ref(rfc: number, section: string, name: string): EventReference {
  return { label: `RFC ${rfc} §${section} ${name}`, url: `${RFC}rfc${rfc}#section-${section}` };
}

const H1_MESSAGE = ref(9112, '2.1', 'Message Format');
const H1_REQUEST_LINE = ref(9112, '3', 'Request Line');
const H1_STATUS_LINE = ref(9112, '4', 'Status Line');
const H1_FIELDS = ref(9112, '5', 'Field Syntax');
const H1_BODY = ref(9112, '6', 'Message Body');
const H1_BODY_LENGTH = ref(9112, '6.3', 'Message Body Length');
const H1_CHUNKED = ref(9112, '7.1', 'Chunked Transfer Coding');
const H1_TRAILERS = ref(9112, '7.1.2', 'Chunked Trailer Section');
const H1_CONNECTION = ref(9112, '9', 'Connection Management');
const H1_TEARDOWN = ref(9112, '9.6', 'Tear-down');
const H1_PARSING = ref(9112, '2.2', 'Message Parsing');

const DESCRIPTIONS: { readonly [N in EventName]: EventTypeDescription } = {
  'tcp:connected': {
    title: 'TCP connection established',
    explanation:
      'The three-way handshake (SYN, SYN-ACK, ACK) finished and both ends now have a reliable, ordered byte ' +
      'stream. Nothing of HTTP has been sent yet. The addresses and ports shown name this connection; for ' +
      'HTTP/1.1 every later request and response travels on it, one after the other, until one side closes it.',
    reference: ref(9293, '3.5', 'Establishing a Connection'),
    seeAlso: [H1_CONNECTION],
  },
  'tcp:closed': {
    title: 'TCP connection closed',
    explanation:
      'The connection ended. "By local" or "by remote" says which side closed first; an error means it was ' +
      'reset or failed. HTTP/1.1 closes a connection after "Connection: close", after a response whose body ' +
      'runs until close, or when either side gives up; the byte counts show how much crossed in each direction.',
    reference: H1_TEARDOWN,
    seeAlso: [ref(9293, '3.6', 'Closing a Connection')],
  },
  'tcp:bytes': {
    title: 'Bytes on the connection',
    explanation:
      'Bytes that crossed the connection without being parsed as a protocol message, for example text typed in ' +
      'raw mode. TCP carries a stream of bytes with no message boundaries: it is the receiver that decides where ' +
      'a request line, a header or a chunk begins and ends. The hex dump below shows them exactly as sent.',
    reference: ref(9293, '3.8', 'Data Communication'),
    seeAlso: [H1_PARSING],
  },
  'tls:handshake_done': {
    title: 'TLS handshake finished',
    explanation:
      'Client and server agreed on a TLS version and a cipher suite, the server proved its identity with its ' +
      'certificate, and both derived keys: from here on every byte on the wire is encrypted, and what Framescope ' +
      'shows is the decrypted plaintext. ALPN (the application protocol, e.g. http/1.1 or h2) was negotiated ' +
      'inside the handshake, so the client knows which protocol to speak before it sends a single request byte.',
    reference: ref(8446, '2', 'Protocol Overview'),
    seeAlso: [ref(8446, '4.1.1', 'Cryptographic Negotiation'), ref(7301, '3', 'Application-Layer Protocol Negotiation')],
  },
  'h1:head': {
    title: 'HTTP/1.1 message head',
    explanation:
      'The start of an HTTP/1.1 message: a request line (method, target, version) or a status line (version, ' +
      'status code, reason), then one header field per line as "name: value", then an empty line (CRLF CRLF) ' +
      'that ends the head. It is plain text. The headers decide how the body that follows is framed: ' +
      'Transfer-Encoding: chunked, a Content-Length, or (for responses) reading until the connection closes.',
    reference: H1_MESSAGE,
    seeAlso: [H1_REQUEST_LINE, H1_STATUS_LINE, H1_FIELDS, H1_BODY_LENGTH],
  },
  'h1:chunk': {
    title: 'HTTP/1.1 chunk',
    explanation:
      'One piece of a chunked body. Each chunk starts with its size in hexadecimal on a line of its own ' +
      '(optionally followed by ";name=value" extensions), then exactly that many bytes of data, then CRLF. ' +
      'Chunking lets a server start sending a response before it knows how long it will be; the receiver ' +
      'can use each chunk as soon as it arrives. A chunk of size 0 ends the body.',
    reference: H1_CHUNKED,
    seeAlso: [H1_BODY_LENGTH],
  },
  'h1:body': {
    title: 'HTTP/1.1 body bytes',
    explanation:
      'A piece of a message body that is not chunked: its length was given by Content-Length, or (for a ' +
      'response) the body runs until the server closes the connection. TCP may deliver the body in several ' +
      'pieces; the offset counts the body bytes received so far, and the message is complete when it reaches ' +
      'the Content-Length.',
    reference: H1_BODY,
    seeAlso: [H1_BODY_LENGTH],
  },
  'h1:message_end': {
    title: 'HTTP/1.1 message complete',
    explanation:
      'The message is complete: all body bytes announced by Content-Length have arrived, or, for a chunked ' +
      'body, the last chunk (size 0) and the optional trailer section have been read. Only now may the next ' +
      'message on this connection begin: HTTP/1.1 sends one message after another on a connection, never two ' +
      'at the same time.',
    reference: H1_BODY_LENGTH,
    seeAlso: [H1_TRAILERS, H1_CONNECTION],
  },
  'h1:error': {
    title: 'HTTP/1.1 parse error',
    explanation:
      'Bytes that do not follow the HTTP/1.1 message syntax: the parser stopped at the offset shown. A server ' +
      'answers a malformed request with 400 (Bad Request) or 431 (headers too large), or simply closes the ' +
      'connection, because after a framing error it can no longer tell where the next message would begin.',
    reference: H1_PARSING,
    seeAlso: [ref(9112, '11', 'Security Considerations')],
  },
  'app:scenario_started': {
    title: 'Lesson started',
    explanation:
      'Framescope began running a lesson (scenario) against the target shown, with these options. Every event ' +
      'that follows belongs to this run; times are milliseconds since the session started, on one clock shared ' +
      'by the client and the server, so their rows line up.',
  },
  'app:scenario_finished': {
    title: 'Lesson finished',
    explanation:
      'The lesson ended, successfully or with the error shown, after the duration given. Nothing more will be ' +
      'recorded in this session; you can save it to a .framescope file and open it again later.',
  },
  'app:note': {
    title: 'Narration',
    explanation:
      'A note from the lesson saying what it is about to do or what to watch for next. Notes are not on the wire; ' +
      'they sit in the list to help you read the events around them.',
  },
  'app:error': {
    title: 'Error',
    explanation:
      'Something went wrong outside the protocol parsers, for example a connection could not be made or a file ' +
      'could not be read. The message says what happened.',
  },
};

/** Explains an event type for the inspector; unknown names get a generic description. */
export function describeEventType(name: string): EventTypeDescription {
  if (Object.prototype.hasOwnProperty.call(DESCRIPTIONS, name)) return DESCRIPTIONS[name as EventName];
  return {
    title: String(name),
    explanation:
      `"${String(name)}" is an event type this version does not know, probably from a newer version of ` +
      'Framescope; shown as is: its fields and raw bytes are displayed without interpretation.',
  };
}

/** Summarises an event in one line for the event list and the CLI. Never throws. */
export function summarizeEvent(event: SessionEvent): string {
  try {
    const line = summarizeKnown(event);
    if (line !== null) return oneLine(line);
  } catch {
    // Fall through: a known name with data of an unexpected shape is summarised generically.
  }
  return genericSummary(event?.data);
}

type Data = Record<string, unknown>;

function summarizeKnown(event: SessionEvent): string | null {
  const d = (event.data ?? {}) as Data;
  switch (event.name) {
    case 'tcp:connected':
      return `${endpoint(d.local)} → ${endpoint(d.remote)}`;
    case 'tcp:closed': {
      const by = d.by === 'error' ? `with error${d.error ? `: ${str(d.error)}` : ''}` : `by ${str(d.by)}`;
      return `closed ${by}; ${num(d.bytesSent)} bytes sent, ${num(d.bytesReceived)} received`;
    }
    case 'tcp:bytes':
      return `${plural(num(d.length), 'byte')}: "${str(d.preview)}"`;
    case 'tls:handshake_done': {
      const alpn = d.alpn ? `ALPN ${str(d.alpn)}` : 'no ALPN';
      return `${tlsVersion(str(d.version))} ${str(d.cipher)} ${alpn}`;
    }
    case 'h1:head':
      return headSummary(d);
    case 'h1:chunk': {
      const size = num(d.size);
      if (size === 0) return `last chunk (size line "${str(d.sizeLine)}")`;
      return `chunk #${num(d.index)}: ${plural(size, 'byte')} (size line "${str(d.sizeLine)}")`;
    }
    case 'h1:body':
      return `body: ${plural(num(d.length), 'byte')} (${num(d.offset)} so far)`;
    case 'h1:message_end': {
      const chunks = num(d.chunks);
      const trailers = Array.isArray(d.trailers) ? d.trailers.length : 0;
      let line = 'end: ';
      if (chunks > 0) line += `${plural(chunks, 'chunk')}, `;
      line += `${num(d.bodyBytes)} body bytes`;
      if (trailers > 0) line += `, ${plural(trailers, 'trailer')}`;
      return line;
    }
    case 'h1:error': {
      const outcome = d.outcome !== undefined ? ` → ${str(d.outcome)}` : '';
      return `error in ${str(d.at)} at offset ${num(d.offset)}: ${str(d.reason)}${outcome}`;
    }
    case 'app:scenario_started': {
      const opts = d.options && typeof d.options === 'object' ? genericSummary(d.options) : '';
      return `${str(d.scenario)} → ${str(d.target)}${opts ? ` (${opts})` : ''}`;
    }
    case 'app:scenario_finished': {
      const how = d.ok ? 'ok' : `failed${d.error ? `: ${str(d.error)}` : ''}`;
      return `${str(d.scenario)} ${how} in ${fixed(num(d.durationMs), 1)} ms`;
    }
    case 'app:note':
      return str(d.text);
    case 'app:error':
      return str(d.message);
    default:
      return null;
  }
}

function headSummary(d: Data): string {
  const headers = Array.isArray(d.headers) ? (d.headers as HeaderField[]) : [];
  const version = httpVersion(str(d.version));
  if (d.kind === 'request') {
    return `${str(d.method)} ${str(d.target)} ${version} (${plural(headers.length, 'header')})`;
  }
  const reason = d.reason ? ` ${str(d.reason)}` : '';
  return `${num(d.status)}${reason}, ${framingText(d)}`;
}

function framingText(d: Data): string {
  switch (d.framing) {
    case 'chunked':
      return 'chunked';
    case 'content-length':
      return `content-length ${num(d.contentLength)}`;
    case 'until-close':
      return 'body until close';
    case 'none':
      return 'no body';
    default:
      return str(d.framing);
  }
}

/** "1.1" → "HTTP/1.1"; "HTTP/1.1" unchanged. */
function httpVersion(v: string): string {
  return /^HTTP\//i.test(v) ? v : `HTTP/${v}`;
}

/** "TLSv1.3" (Node's spelling) → "TLS 1.3". */
function tlsVersion(v: string): string {
  const m = /^TLS\s*v?\s*(\d(?:\.\d)?)$/i.exec(v.trim());
  return m ? `TLS ${m[1]}` : v;
}

function endpoint(e: unknown): string {
  if (!e || typeof e !== 'object') return '?';
  const { address, port } = e as { address?: unknown; port?: unknown };
  const a = str(address);
  return `${a.includes(':') ? `[${a}]` : a}:${str(port)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? NaN);
}

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return short(v);
}

const MAX_SUMMARY = 200;

function oneLine(text: string): string {
  const flat = text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return flat.length > MAX_SUMMARY ? `${flat.slice(0, MAX_SUMMARY - 1)}…` : flat;
}

function short(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[${v.length}]`;
  if (typeof v === 'object') return '{…}';
  return typeof v;
}

/** A `key=value …` line for data of any shape. */
function genericSummary(data: unknown): string {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object' || Array.isArray(data)) return oneLine(short(data));
  const parts: string[] = [];
  let length = 0;
  for (const key of Object.keys(data)) {
    const part = `${key}=${short((data as Data)[key])}`;
    parts.push(part);
    length += part.length + 1;
    if (length > MAX_SUMMARY) break;
  }
  return oneLine(parts.join(' '));
}
