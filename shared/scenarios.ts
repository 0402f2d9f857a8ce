/**
 * The lessons Framescope can run, described for the person (the lesson list) and for the engine (ids, options).
 * Pure data: the engine's runners live in electron/engine/scenarios/.
 */
import type { ScenarioInfo, ScenarioOption } from './scenario-types';
import { H2_SCENARIOS } from './scenarios-h2';
import { H3_SCENARIOS } from './scenarios-h3';
import { QUIC_SCENARIOS } from './scenarios-quic';
import { MTLS_SCENARIOS } from './scenarios-mtls';

const RFC9112 = 'https://www.rfc-editor.org/rfc/rfc9112';

const tlsOption: ScenarioOption = {
  key: 'tls',
  label: 'Use TLS',
  type: 'boolean',
  default: true,
  help: 'Connect to the TLS port (ALPN http/1.1); off uses the cleartext port. Ignored when a target URL is given.',
};

const H1_SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'chunked-response',
    title: 'Chunked response',
    protocol: 'h1',
    summary: 'GET /chunk: three chunks arrive a second apart.',
    explanation:
      'The server does not know how long its answer will be, so it sends Transfer-Encoding: chunked. Each chunk ' +
      'is a hexadecimal size line, the bytes, and CRLF; a chunk of size 0 ends the body. Watch the client receive ' +
      'each chunk the moment the server sends it, a second apart.',
    references: [
      { label: 'RFC 9112 §7.1 Chunked transfer coding', url: `${RFC9112}#section-7.1` },
      { label: 'RFC 9112 §6.3 Message body length', url: `${RFC9112}#section-6.3` },
    ],
    options: [
      { key: 'chunks', label: 'Chunks', type: 'number', default: 3, min: 1, max: 50 },
      { key: 'intervalMs', label: 'Interval (ms)', type: 'number', default: 1000, min: 0, max: 10_000 },
      tlsOption,
    ],
  },
  {
    id: 'chunked-upload',
    title: 'Chunked upload',
    protocol: 'h1',
    summary: 'POST /upload: the client streams its body in chunks on a schedule.',
    explanation:
      'Chunked coding works in requests too: the client starts a POST without knowing the body length and sends ' +
      'chunks as it has them. The server answers only after the last chunk (size 0) arrives.',
    references: [{ label: 'RFC 9112 §7.1 Chunked transfer coding', url: `${RFC9112}#section-7.1` }],
    options: [
      { key: 'chunks', label: 'Chunks', type: 'number', default: 4, min: 1, max: 50 },
      { key: 'intervalMs', label: 'Interval (ms)', type: 'number', default: 300, min: 0, max: 10_000 },
      { key: 'chunkBytes', label: 'Bytes per chunk', type: 'number', default: 16, min: 1, max: 1_000_000 },
      tlsOption,
    ],
  },
  {
    id: 'interactive-echo',
    title: 'Interactive echo (full duplex)',
    protocol: 'h1',
    summary: 'POST /echo: each chunk comes back before the next one leaves.',
    explanation:
      'HTTP/1.1 does not forbid a server from answering while the request is still arriving. Our /echo route ' +
      'streams each request chunk straight back, so one request/response pair becomes a conversation — something ' +
      "Go's net/http could not do over HTTP/1.1. The lesson checks that every echo arrives before the next chunk is sent.",
    references: [
      { label: 'RFC 9112 §7.1 Chunked transfer coding', url: `${RFC9112}#section-7.1` },
      { label: 'RFC 9110 §6.4 Content', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-6.4' },
    ],
    options: [
      { key: 'chunks', label: 'Chunks', type: 'number', default: 4, min: 1, max: 50 },
      { key: 'intervalMs', label: 'Interval (ms)', type: 'number', default: 500, min: 50, max: 10_000 },
      tlsOption,
    ],
  },
  {
    id: 'keep-alive',
    title: 'Keep-alive',
    protocol: 'h1',
    summary: 'Three requests, one after another, on one connection.',
    explanation:
      'HTTP/1.1 connections are persistent by default: after a response ends, the same connection carries the ' +
      'next request. Only one request is in flight at a time unless the client pipelines, and responses come back ' +
      'in order — the head-of-line blocking HTTP/2 later removes.',
    references: [
      { label: 'RFC 9112 §9.3 Persistence', url: `${RFC9112}#section-9.3` },
      { label: 'RFC 9112 §9.3.2 Pipelining', url: `${RFC9112}#section-9.3.2` },
    ],
    options: [
      { key: 'requests', label: 'Requests', type: 'number', default: 3, min: 1, max: 20 },
      { key: 'pipeline', label: 'Pipeline (send all at once)', type: 'boolean', default: false },
      tlsOption,
    ],
  },
  {
    id: 'raw-request',
    title: 'Raw request (telnet)',
    protocol: 'h1',
    summary: 'Type request bytes yourself and see what comes back.',
    explanation:
      'Type a request the way telnet would send it — a request line, header lines, an empty line — and send it. ' +
      'Try mistakes too: a bad request line, a missing Host, a bad chunk size. The server answers 400 or closes, ' +
      'and both ends show which byte was wrong.',
    references: [
      { label: 'RFC 9112 §3 Request line', url: `${RFC9112}#section-3` },
      { label: 'RFC 9112 §5 Field syntax', url: `${RFC9112}#section-5` },
    ],
    options: [
      {
        key: 'request',
        label: 'Request bytes',
        type: 'text',
        default: 'GET / HTTP/1.1\nHost: localhost\n\n',
        help: 'Line ends are sent as CRLF.',
      },
      { ...tlsOption, default: false },
      { key: 'idleMs', label: 'Close after idle (ms)', type: 'number', default: 15_000, min: 500, max: 600_000 },
    ],
  },
];

/** Every scenario, in the order the lesson list shows them. */
export const SCENARIOS: readonly ScenarioInfo[] = [...H1_SCENARIOS, ...H2_SCENARIOS, ...QUIC_SCENARIOS, ...H3_SCENARIOS, ...MTLS_SCENARIOS];

/** The scenario with this id, if there is one. */
export function findScenario(id: string): ScenarioInfo | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
