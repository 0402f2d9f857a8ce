/**
 * Validation of `.framescope` session lines (see session-format.ts): every field of the header, of connection
 * records and of the common event fields, plus the data of the known event names. A line is JSON-parsed and
 * checked in place (the parsed object is returned as is, no copy), so loading stays fast.
 *
 * Ordering rules that span lines (seq strictly increasing) belong to the reader, which sees every line.
 *
 * Pure TypeScript: no node:*, no DOM.
 */
import type { ConnectionInfo, EventDataMap, SessionEvent } from './events';
import { SESSION_FORMAT, SESSION_VERSION, type SessionHeader, type SessionLine } from './session-format';

/**
 * Why a line was refused: `foreign` (not a Framescope session at all), `newer` (a session of a version this
 * build cannot read), `invalid` (a Framescope session with a damaged line).
 */
export type SessionFormatErrorKind = 'foreign' | 'newer' | 'invalid';

/** A line of a session file that could not be accepted: its 1-based line number and the reason, for a person. */
export class SessionFormatError {
  /** @param line 1-based line number (the header is line 1)  @param reason what is wrong  @param kind see the type */
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly kind: SessionFormatErrorKind = 'invalid',
  ) {}

  /** "line 12: time must be a finite number ≥ 0". */
  get message(): string {
    return `line ${this.line}: ${this.reason}`;
  }
}

const NOT_A_SESSION = 'not a Framescope session';

/** Parses and validates the first line of a session file. */
export function parseHeader(line: string): SessionHeader | SessionFormatError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return new SessionFormatError(1, `${NOT_A_SESSION} (the first line is not JSON)`, 'foreign');
  }
  if (!isObject(value) || value['format'] !== SESSION_FORMAT) return new SessionFormatError(1, NOT_A_SESSION, 'foreign');
  const v = value['version'];
  if (!isUint(v) || v < 1) return new SessionFormatError(1, 'version must be an integer ≥ 1');
  if (v > SESSION_VERSION) {
    return new SessionFormatError(
      1,
      `this is a version ${v} session; this build of Framescope reads versions up to ${SESSION_VERSION}. ` +
        `Open it with a Framescope that reads session version ${v} or later.`,
      'newer',
    );
  }
  const reason = headerProblem(value);
  return reason === null ? (value as unknown as SessionHeader) : new SessionFormatError(1, reason);
}

function headerProblem(h: Record<string, unknown>): string | null {
  if (typeof h['appVersion'] !== 'string') return 'appVersion must be a string';
  const scenario = h['scenario'];
  if (scenario !== null && typeof scenario !== 'string') return 'scenario must be a string or null';
  if (h['target'] !== undefined && typeof h['target'] !== 'string') return 'target must be a string';
  const network = h['network'];
  if (!isObject(network)) return 'network must be an object';
  for (const key of ['delayMs', 'lossPercent', 'bandwidthKbps'] as const) {
    if (!isNonNegative(network[key])) return `network.${key} must be a finite number ≥ 0`;
  }
  if (!isNumber(network['lossPercent']) || network['lossPercent'] > 100) return 'network.lossPercent must be ≤ 100';
  const startedAt = h['startedAt'];
  if (typeof startedAt !== 'string' || Number.isNaN(Date.parse(startedAt))) {
    return 'startedAt must be an ISO 8601 date and time';
  }
  return null;
}

/**
 * Parses and validates one line after the header: a connection record `{"connection":{...}}` or an event.
 * Events of names this version does not know are accepted as GenericEvent (their data must be an object).
 */
export function parseLine(line: string, lineNo: number): SessionLine | SessionFormatError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return new SessionFormatError(lineNo, 'not valid JSON');
  }
  if (!isObject(value)) return new SessionFormatError(lineNo, 'a line must be a JSON object');
  const connection = value['connection'];
  if (connection !== undefined) {
    const reason = isObject(connection) ? connectionProblem(connection) : 'connection must be an object';
    return reason === null ? (value as { connection: ConnectionInfo }) : new SessionFormatError(lineNo, reason);
  }
  const reason = eventProblem(value);
  return reason === null ? (value as unknown as SessionEvent) : new SessionFormatError(lineNo, reason);
}

/** What is wrong with a connection record, or null when nothing is. */
export function connectionProblem(c: Record<string, unknown>): string | null {
  if (!isUint(c['id'])) return 'connection.id must be an integer ≥ 0';
  const vantages = c['vantages'];
  if (!Array.isArray(vantages) || vantages.length === 0 || vantages.length > 2 || !vantages.every(isVantage)) {
    return "connection.vantages must list 'client' and/or 'server'";
  }
  if (!PROTOCOLS.has(c['protocol'] as string)) return `connection.protocol must be one of ${[...PROTOCOLS].join(', ')}`;
  if (c['transport'] !== 'tcp' && c['transport'] !== 'udp') return "connection.transport must be 'tcp' or 'udp'";
  if (!isEndpoint(c['client'])) return 'connection.client must be { address: string, port: 0-65535 }';
  if (!isEndpoint(c['server'])) return 'connection.server must be { address: string, port: 0-65535 }';
  if (typeof c['tls'] !== 'boolean') return 'connection.tls must be a boolean';
  const alpn = c['alpn'];
  if (alpn !== undefined && alpn !== null && typeof alpn !== 'string') return 'connection.alpn must be a string or null';
  for (const key of ['tlsVersion', 'cipher', 'serverName'] as const) {
    if (c[key] !== undefined && typeof c[key] !== 'string') return `connection.${key} must be a string`;
  }
  if (!isNonNegative(c['openedAt'])) return 'connection.openedAt must be a finite number ≥ 0';
  if (c['closedAt'] !== undefined && !isNonNegative(c['closedAt'])) return 'connection.closedAt must be a finite number ≥ 0';
  if (typeof c['label'] !== 'string') return 'connection.label must be a string';
  return null;
}

/** What is wrong with an event's fields (common fields, then the data of known names), or null. */
export function eventProblem(e: Record<string, unknown>): string | null {
  if (!isUint(e['seq'])) return 'seq must be an integer ≥ 0';
  if (!isNonNegative(e['time'])) return 'time must be a finite number ≥ 0';
  if (!isUint(e['conn'])) return 'conn must be an integer ≥ 0';
  if (!isVantage(e['vantage'])) return "vantage must be 'client' or 'server'";
  const name = e['name'];
  if (typeof name !== 'string' || name.length === 0) return 'name must be a non-empty string';
  if (e['stream'] !== undefined && !isUint(e['stream'])) return 'stream must be an integer ≥ 0';
  const dir = e['dir'];
  if (dir !== undefined && dir !== 'sent' && dir !== 'received') return "dir must be 'sent' or 'received'";
  const raw = e['raw'];
  let rawLength = 0;
  if (raw !== undefined) {
    rawLength = typeof raw === 'string' ? base64Length(raw) : -1;
    if (rawLength < 0) return 'raw must be base64 text';
  }
  const fields = e['fields'];
  if (fields !== undefined) {
    const reason = fieldsProblem(fields, rawLength);
    if (reason !== null) return reason;
  }
  const data = e['data'];
  if (!isObject(data)) return 'data must be an object';
  const schema = DATA_SCHEMAS[name as keyof EventDataMap];
  return schema === undefined ? null : dataProblem(data, schema);
}

function fieldsProblem(fields: unknown, rawLength: number): string | null {
  if (!Array.isArray(fields)) return 'fields must be an array';
  for (let i = 0; i < fields.length; i++) {
    const f: unknown = fields[i];
    if (!isObject(f) || typeof f['path'] !== 'string') return `fields[${i}] must be { path, start, end }`;
    const { start, end } = f;
    if (!isUint(start) || !isUint(end) || start > end || end > rawLength) {
      return `fields[${i}] (${f['path']}) must span bytes within raw (0-${rawLength})`;
    }
  }
  return null;
}

/** Byte length of standard base64 text (padding optional), or -1 when the text is not base64. */
export function base64Length(text: string): number {
  // Searching for one bad character is about twice as fast as matching the whole text against a pattern.
  if (NOT_BASE64.test(text)) return -1;
  const eq = text.indexOf('=');
  const pad = eq < 0 ? 0 : text.length - eq;
  if (pad > 2 || (pad === 2 && text.charCodeAt(text.length - 1) !== 61 /* = */)) return -1;
  const chars = text.length - pad;
  if (chars % 4 === 1 || (pad > 0 && text.length % 4 !== 0)) return -1;
  return Math.floor((chars * 3) / 4);
}

const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
const PROTOCOLS: ReadonlySet<string> = new Set(['h1', 'h2', 'h2c', 'h3', 'raw', 'unknown']);

// ---- data of known event names ----

/** The type of one data field: a primitive, a known shape, or a list of allowed string values. */
type FieldType = 'string' | 'number' | 'uint' | 'boolean' | 'headers' | 'endpoint' | 'strings' | 'primitives' | 'string|null' | readonly string[];
/** [key, type, optional]. */
type DataSchema = readonly (readonly [key: string, type: FieldType, optional?: boolean])[];

const KIND = ['request', 'response'] as const;

/**
 * Shapes of the data of known names (events.ts). A known name without an entry here is only checked to have
 * object data: add its schema when adding a name to EventDataMap.
 */
const DATA_SCHEMAS: { readonly [N in keyof EventDataMap]?: DataSchema } = {
  'tcp:connected': [['local', 'endpoint'], ['remote', 'endpoint']],
  'tcp:closed': [['by', ['local', 'remote', 'error']], ['error', 'string', true], ['bytesSent', 'uint'], ['bytesReceived', 'uint']],
  'tcp:bytes': [['length', 'uint'], ['preview', 'string']],
  'tls:handshake_done': [
    ['version', 'string'], ['cipher', 'string'], ['alpn', 'string|null'], ['alpnOffered', 'strings', true],
    ['serverName', 'string', true], ['verification', 'string', true],
  ],
  'h1:head': [
    ['kind', KIND], ['method', 'string', true], ['target', 'string', true], ['status', 'uint', true],
    ['reason', 'string', true], ['version', 'string'], ['headers', 'headers'],
    ['framing', ['content-length', 'chunked', 'until-close', 'none']], ['contentLength', 'uint', true],
  ],
  'h1:chunk': [['size', 'uint'], ['sizeLine', 'string'], ['extensions', 'headers'], ['index', 'uint']],
  'h1:body': [['length', 'uint'], ['offset', 'uint']],
  'h1:message_end': [['kind', KIND], ['bodyBytes', 'uint'], ['trailers', 'headers'], ['chunks', 'uint']],
  'h1:error': [['reason', 'string'], ['offset', 'uint'], ['at', 'string'], ['outcome', 'string', true]],
  'app:scenario_started': [['scenario', 'string'], ['target', 'string'], ['options', 'primitives']],
  'app:scenario_finished': [['scenario', 'string'], ['ok', 'boolean'], ['error', 'string', true], ['durationMs', 'number']],
  'app:note': [['text', 'string']],
  'app:error': [['message', 'string']],
};

function dataProblem(data: Record<string, unknown>, schema: DataSchema): string | null {
  for (const [key, type, optional] of schema) {
    const v = data[key];
    if (v === undefined) {
      if (optional) continue;
      return `data.${key} is missing`;
    }
    if (!fitsType(v, type)) return `data.${key} must be ${typeof type === 'string' ? typeName(type) : `one of ${type.join(', ')}`}`;
  }
  return null;
}

function fitsType(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return isNumber(v);
    case 'uint':
      return isUint(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'string|null':
      return v === null || typeof v === 'string';
    case 'endpoint':
      return isEndpoint(v);
    case 'strings':
      return Array.isArray(v) && v.every((s) => typeof s === 'string');
    case 'headers':
      return Array.isArray(v) && v.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string');
    case 'primitives':
      return isObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'boolean' || isNumber(x));
    default:
      return typeof v === 'string' && type.includes(v);
  }
}

function typeName(type: string): string {
  switch (type) {
    case 'uint':
      return 'an integer ≥ 0';
    case 'headers':
      return 'a list of [name, value] string pairs';
    case 'endpoint':
      return '{ address: string, port: 0-65535 }';
    case 'strings':
      return 'a list of strings';
    case 'primitives':
      return 'an object of strings, numbers and booleans';
    case 'string|null':
      return 'a string or null';
    default:
      return `a ${type}`;
  }
}

// ---- primitives ----

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isNonNegative(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v !== Infinity;
}

function isUint(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isVantage(v: unknown): boolean {
  return v === 'client' || v === 'server';
}

function isEndpoint(v: unknown): boolean {
  if (!isObject(v)) return false;
  const port = v['port'];
  return typeof v['address'] === 'string' && isUint(port) && port <= 65535;
}
