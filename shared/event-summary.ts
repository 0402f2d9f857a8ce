/**
 * One-line summaries of events, shared by the renderer's event list and by the CLI's printout (the inspector's
 * explanations live in event-descriptions.ts and are re-exported here). Pure TypeScript: no node:*, no DOM.
 *
 * Nothing here may throw on odd input: events come from files written by other versions, and a damaged or
 * unexpected `data` shape must still produce a line of text.
 */
import type { HeaderField, SessionEvent } from './events';

export { describeEvent, describeEventType, type EventReference, type EventTypeDescription } from './event-descriptions';

/** Summarises an event in one line for the event list and the CLI. Never throws. */
export function summarizeEvent(event: SessionEvent): string {
  try {
    const data: unknown = event?.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const line = summarizeKnown(event);
      // A known name whose data lacks the numbers it should have reads better generically than as "NaN".
      if (line !== null && (event.name === 'app:note' || !/\bNaN\b/.test(line))) return oneLine(line);
    }
  } catch {
    // Fall through: a known name with data of an unexpected shape is summarised generically.
  }
  return genericSummary(event?.data);
}

type Data = Record<string, unknown>;

/** A verification outcome: plain text, or the JSON our TLS 1.3 core writes (its `summary`). */
function verificationText(v: string): string {
  if (!v.startsWith('{')) return v;
  try {
    const summary = (JSON.parse(v) as { summary?: unknown }).summary;
    return typeof summary === 'string' ? summary : v;
  } catch {
    return v;
  }
}

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
      // mTLS: the server's view of the client certificate
      const peer = d.peerCertificate ? `; client certificate ${str(d.peerCertificate)}` : '';
      const verdict = event.vantage === 'server' && d.verification ? `${peer ? ',' : ';'} ${verificationText(str(d.verification))}` : '';
      return `${tlsVersion(str(d.version))} ${str(d.cipher)} ${alpn}${peer}${verdict}`;
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
    case 'h2:preface':
      return `client connection preface (${num(d.length)} bytes), SETTINGS follows`;
    case 'h2:frame':
      return h2FrameSummary(d);
    case 'h2:stream_state':
      return `${str(d.from)} → ${str(d.to)}${d.cause ? ` (${str(d.cause)})` : ''}`;
    case 'h2:flow_window': {
      const delta = num(d.delta);
      return `${str(d.scope)} ${str(d.side)} window ${num(d.window)} (${delta >= 0 ? '+' : ''}${delta}${d.cause ? `, ${str(d.cause)}` : ''})`;
    }
    case 'h2:settings_applied':
      return `${str(d.side)} settings: ${settingsText(d.settings) || 'none'}`;
    case 'h2:error':
      return `${str(d.scope)} error ${str(d.code)} (by ${str(d.initiator)}): ${str(d.reason)}`;
    case 'hpack:table_updated': {
      const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
      const entries = count(d.entries);
      let line = `${entries} ${entries === 1 ? 'entry' : 'entries'}, ${num(d.size)}/${num(d.maxSize)} bytes`;
      if (count(d.inserted)) line += `; +${count(d.inserted)} inserted`;
      if (count(d.evicted)) line += `; ${count(d.evicted)} evicted`;
      return line;
    }
    case 'quic:packet_sent':
    case 'quic:packet_received':
      return quicPacketSummary(d);
    case 'quic:packet_dropped':
      return `dropped ${quicHeaderText(d.header)}${quicHeaderText(d.header) ? ' ' : ''}(${num(d.raw_length)} bytes): ${str(d.trigger)}${d.details ? ` — ${str(d.details)}` : ''}`;
    case 'quic:packet_lost':
      return `lost ${quicHeaderText(d.header)} (${str(d.trigger)})`;
    case 'quic:packets_acked': {
      const pns = Array.isArray(d.packet_numbers) ? (d.packet_numbers as unknown[]).map(num) : [];
      return `${str(d.packet_number_space)}: ${pns.length === 1 ? `packet ${pns[0]}` : `${pns.length} packets${pns.length ? ` ${pns[0]}..${pns[pns.length - 1]}` : ''}`} acknowledged`;
    }
    case 'quic:recovery_metrics_updated':
      return `srtt ${fixed(num(d.smoothed_rtt), 1)} ms, cwnd ${num(d.congestion_window)}, in flight ${num(d.bytes_in_flight)}, pto ${num(d.pto_count)}`;
    case 'quic:stream_state_updated':
      return `stream ${num(d.stream_id)} ${str(d.stream_side)}: ${d.old ? `${str(d.old)} → ` : ''}${str(d.new)}`;
    case 'quic:key_updated':
      return `${str(d.key_type)} installed (${str(d.trigger)})`;
    case 'quic:key_discarded':
      return `${str(d.key_type)} discarded (${str(d.trigger)})`;
    case 'quic:parameters_set':
      return `${str(d.owner)} transport parameters`;
    case 'quic:connection_closed':
      return `closed by ${str(d.owner)}: ${d.error_name ? str(d.error_name) : str(d.trigger)}${d.reason ? ` — ${str(d.reason)}` : ''}`;
    case 'tls:handshake_message':
      return `${str(d.type)} (${num(d.length)} bytes, ${str(d.level)})`;
    case 'http3:frame_created':
    case 'http3:frame_parsed':
      return h3FrameSummary(d);
    case 'http3:stream_type_set': {
      const code = d.type_code !== undefined ? ` (0x${num(d.type_code).toString(16)})` : '';
      const push = d.push_id !== undefined ? `, push ${num(d.push_id)}` : '';
      return `stream ${num(d.stream_id)} is ${str(d.stream_type)}${code}${push} (${str(d.owner)})${d.outcome ? `: ${str(d.outcome)}` : ''}`;
    }
    case 'http3:error':
      return `${str(d.scope)} error ${str(d.code)} (by ${str(d.initiator)})${d.streamId !== undefined ? ` on stream ${num(d.streamId)}` : ''}: ${str(d.reason)}`;
    case 'qpack:instruction':
      return qpackInstructionSummary(d);
    case 'qpack:table_updated': {
      const entries = Array.isArray(d.entries) ? d.entries.length : 0;
      const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
      let line = `${str(d.side)} table: ${entries} ${entries === 1 ? 'entry' : 'entries'}, ${num(d.size)}/${num(d.capacity)} bytes, inserts ${num(d.insertCount)}, known ${num(d.knownReceivedCount)}`;
      if (count(d.inserted)) line += `; +${count(d.inserted)} inserted`;
      if (count(d.evicted)) line += `; ${count(d.evicted)} evicted`;
      return line;
    }
    case 'qpack:section_unblocked': {
      const headers = Array.isArray(d.headers) ? d.headers.length : 0;
      return `stream ${num(d.stream_id)} unblocked at insert count ${num(d.required_insert_count)} (${plural(headers, 'header')})`;
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

function h3FrameSummary(d: Data): string {
  const type = str(d.frame_type).toUpperCase();
  const detail = h3FrameDetail(d);
  return `${type} stream ${num(d.stream_id)}${detail ? `: ${detail}` : ''}`;
}

function h3FrameDetail(d: Data): string {
  switch (d.frame_type) {
    case 'data':
      return `${plural(num(d.length), 'byte')}${d.streamed ? ' (streamed)' : ''}`;
    case 'headers':
    case 'push_promise': {
      const promised = d.frame_type === 'push_promise' ? `push ${num(d.push_id)}` : '';
      if (!Array.isArray(d.headers)) return [promised, d.blocked ? 'blocked, waiting for QPACK encoder stream data' : `${plural(num(d.length), 'byte')} of field section`].filter(Boolean).join(' ');
      const headers = d.headers as HeaderField[];
      const pseudo = (name: string) => headers.find((h) => Array.isArray(h) && h[0] === name)?.[1];
      const status = pseudo(':status');
      const start = status ? status : [pseudo(':method'), pseudo(':path')].filter(Boolean).join(' ');
      const role = d.role === 'trailers' ? 'trailers' : '';
      return [promised, start, role, `(${plural(headers.length, 'header')})`].filter(Boolean).join(' ');
    }
    case 'settings':
      return settingsText(d.settings);
    case 'goaway':
      return `id ${num(d.id)}`;
    case 'cancel_push':
    case 'max_push_id':
      return `push ${num(d.push_id)}`;
    case 'priority_update':
      return `${str(d.prioritized_element_type)} ${num(d.prioritized_element_id)}: "${str(d.priority_field_value)}"`;
    default: {
      const h2 = d.http2_type ? ` (HTTP/2 ${str(d.http2_type)})` : '';
      return `type 0x${num(d.type_code).toString(16)}${h2}, ${plural(num(d.length), 'byte')}`;
    }
  }
}

function qpackInstructionSummary(d: Data): string {
  const t = str(d.instruction_type);
  switch (d.instruction_type) {
    case 'set_dynamic_table_capacity':
      return `${t} ${num(d.capacity)}`;
    case 'insert_with_name_reference':
      return `${t} ${str(d.table_type)} ${num(d.name_index)}: ${str(d.name)}: ${str(d.value)}`;
    case 'insert_without_name_reference':
      return `${t} ${str(d.name)}: ${str(d.value)}`;
    case 'duplicate':
      return `${t} relative ${num(d.index)}`;
    case 'section_acknowledgement':
    case 'stream_cancellation':
      return `${t} stream ${num(d.stream_id)}`;
    case 'insert_count_increment':
      return `${t} +${num(d.increment)}`;
    default:
      return t;
  }
}

function quicHeaderText(h: unknown): string {
  if (!h || typeof h !== 'object') return '';
  const x = h as Data;
  return `${str(x.packet_type)}${x.packet_number !== undefined ? ` #${num(x.packet_number)}` : ''}`;
}

function quicPacketSummary(d: Data): string {
  const frames = Array.isArray(d.frames) ? (d.frames as unknown[]) : [];
  const names = frames.map((f) => (f && typeof f === 'object' ? str((f as Data).frame_type) : '?'));
  const shown = names.slice(0, 6).join(', ') + (names.length > 6 ? `, +${names.length - 6}` : '');
  return `${quicHeaderText(d.header)} (${num(d.raw_length)} bytes): ${shown}`;
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

function h2FrameSummary(d: Data): string {
  const flags = Array.isArray(d.flags) && d.flags.length > 0 ? ` [${d.flags.map(str).join(' ')}]` : '';
  const detail = h2FrameDetail(d);
  return `${str(d.type)} stream ${num(d.streamId)}${flags}${detail ? `: ${detail}` : ''}`;
}

function h2FrameDetail(d: Data): string {
  if (d.malformed) return `malformed: ${str(d.malformed)}`;
  switch (d.type) {
    case 'DATA':
      return plural(num(d.dataLength ?? d.length), 'byte');
    case 'HEADERS':
    case 'PUSH_PROMISE':
    case 'CONTINUATION': {
      const promised = d.type === 'PUSH_PROMISE' ? `promised stream ${num(d.promisedStreamId)}` : '';
      if (!Array.isArray(d.headers)) return promised || `${plural(num(d.headerBlockLength ?? d.length), 'byte')} of header block`;
      const headers = d.headers as HeaderField[];
      const pseudo = (name: string) => headers.find((h) => Array.isArray(h) && h[0] === name)?.[1];
      const status = pseudo(':status');
      const start = status ? status : [pseudo(':method'), pseudo(':path')].filter(Boolean).join(' ');
      return [promised, start, `(${plural(headers.length, 'header')})`].filter(Boolean).join(' ');
    }
    case 'SETTINGS':
      return settingsText(d.settings);
    case 'WINDOW_UPDATE':
      return `+${num(d.increment)}`;
    case 'RST_STREAM':
      return str(d.errorName ?? d.errorCode);
    case 'GOAWAY':
      return `last stream ${num(d.lastStreamId)}, ${str(d.errorName ?? d.errorCode)}${d.debugData ? ` "${str(d.debugData)}"` : ''}`;
    case 'PING':
      return str(d.opaque);
    case 'PRIORITY': {
      const p = (d.priority ?? {}) as Data;
      return `depends on ${num(p.dependency)}${p.exclusive ? ' (exclusive)' : ''}, weight ${num(p.weight)}`;
    }
    case 'PRIORITY_UPDATE':
      return `stream ${num(d.prioritizedStreamId)}: "${str(d.priorityFieldValue)}"`;
    default:
      return `type 0x${num(d.frameType).toString(16)}, ${plural(num(d.length), 'byte')}`;
  }
}

function settingsText(settings: unknown): string {
  if (!Array.isArray(settings)) return '';
  return settings.map((x: unknown) => (x && typeof x === 'object' ? `${str((x as Data).name)}=${str((x as Data).value)}` : str(x))).join(' ');
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
