/**
 * The HTTP/2 lessons (RFC 9113, RFC 7541), described for the person and the engine. Runners live in
 * electron/engine/scenarios/h2-lessons.ts.
 */
import type { ScenarioInfo, ScenarioOption } from './scenario-types';

const RFC9113 = 'https://www.rfc-editor.org/rfc/rfc9113';
const RFC7541 = 'https://www.rfc-editor.org/rfc/rfc7541';

const tls: ScenarioOption = {
  key: 'tls',
  label: 'Use TLS',
  type: 'boolean',
  default: true,
  help: 'h2 over TLS (ALPN); off uses h2c with prior knowledge on the cleartext port. Ignored when a target URL is given.',
};

/** The default frame script of the `frame-script` lesson. */
export const DEFAULT_FRAME_SCRIPT = [
  '# One frame per line, sent as written (legal or not). WAIT pauses.',
  'SETTINGS INITIAL_WINDOW_SIZE=0',
  'HEADERS stream=1 END_STREAM :method=GET :scheme=https :authority=localhost :path=/bytes?n=100',
  'WAIT 300',
  '# the server may not send DATA until we open the window',
  'WINDOW_UPDATE stream=1 100',
  'PING',
  'WAIT 300',
  '# a frame on stream 0 that must not be there: the server answers GOAWAY PROTOCOL_ERROR',
  'DATA stream=0 "oops"',
  'WAIT 300',
].join('\n');

/** The HTTP/2 lessons, in the order the lesson list shows them. */
export const H2_SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'h2-basics',
    title: 'HTTP/2 basics',
    protocol: 'h2',
    summary: 'Preface, SETTINGS, HEADERS, DATA, END_STREAM: one request over h2.',
    explanation:
      'After TLS agrees on h2 (ALPN), the client sends the connection preface and its SETTINGS; the server sends ' +
      'its own SETTINGS, and each side acknowledges the other\'s. A request is a HEADERS frame on a new odd ' +
      'stream (1); the response is HEADERS then DATA, and END_STREAM closes each direction.',
    references: [
      { label: 'RFC 9113 §3.4 Connection preface', url: `${RFC9113}#section-3.4` },
      { label: 'RFC 9113 §6 Frame definitions', url: `${RFC9113}#section-6` },
      { label: 'RFC 9113 §8.1 HTTP message framing', url: `${RFC9113}#section-8.1` },
    ],
    options: [{ key: 'path', label: 'Path', type: 'string', default: '/' }, tls],
  },
  {
    id: 'multiplexing',
    title: 'Multiplexing',
    protocol: 'h2',
    summary: 'Six requests of different sizes interleave on one connection.',
    explanation:
      'All six requests go out at once on streams 1, 3, 5, …; the server answers them together, and their DATA ' +
      'frames interleave on the one connection. No response waits for another to finish — the head-of-line ' +
      'blocking of HTTP/1.1 is gone at the HTTP layer (TCP still delivers bytes in order).',
    references: [
      { label: 'RFC 9113 §5 Streams and multiplexing', url: `${RFC9113}#section-5` },
      { label: 'RFC 9113 §5.1.2 Stream concurrency', url: `${RFC9113}#section-5.1.2` },
    ],
    options: [{ key: 'requests', label: 'Requests', type: 'number', default: 6, min: 2, max: 50 }, tls],
  },
  {
    id: 'h1-vs-h2',
    title: 'HTTP/1.1 vs HTTP/2',
    protocol: 'mixed',
    summary: 'The same requests over h1 on 1 connection, on 6 connections, and over h2 on 1.',
    explanation:
      'Six requests that each take a while on the server. Over one HTTP/1.1 connection they queue: each waits ' +
      'for the previous response. Browsers open six connections to work around that — more handshakes, more ' +
      'memory. HTTP/2 sends all six on one connection at once.',
    references: [
      { label: 'RFC 9112 §9.3 Persistence', url: 'https://www.rfc-editor.org/rfc/rfc9112#section-9.3' },
      { label: 'RFC 9113 §5 Streams and multiplexing', url: `${RFC9113}#section-5` },
    ],
    options: [
      { key: 'requests', label: 'Requests', type: 'number', default: 6, min: 2, max: 12 },
      { key: 'delayMs', label: 'Server delay (ms)', type: 'number', default: 200, min: 0, max: 5000 },
      tls,
    ],
  },
  {
    id: 'compare',
    title: 'Compare protocols',
    protocol: 'mixed',
    summary: 'One request set over HTTP/1.1 (6 connections), HTTP/2 (1) and HTTP/3 (1), started together.',
    explanation:
      'The same requests — a page, scripts, images of different sizes, one slow API call — go out at the same ' +
      'moment over HTTP/1.1 the way browsers do it (six connections, one request at a time on each), over ' +
      'HTTP/2 (one TCP connection, all at once) and over HTTP/3 (one QUIC connection, all at once). On one time ' +
      'axis you see the HTTP/1.1 connections take turns while the HTTP/2 and HTTP/3 streams overlap; the QUIC ' +
      'handshake takes one round trip where TCP and TLS take two, and each HTTP/3 stream is delivered on its own.',
    references: [
      { label: 'RFC 9112 §9.3 Persistence', url: 'https://www.rfc-editor.org/rfc/rfc9112#section-9.3' },
      { label: 'RFC 9113 §5 Streams and multiplexing', url: `${RFC9113}#section-5` },
      { label: 'RFC 9114 §2 HTTP/3 protocol overview', url: 'https://www.rfc-editor.org/rfc/rfc9114#section-2' },
    ],
    options: [
      { key: 'requests', label: 'Requests', type: 'number', default: 12, min: 2, max: 60 },
      { key: 'connections', label: 'HTTP/1.1 connections', type: 'number', default: 6, min: 1, max: 12 },
      { key: 'h3', label: 'Include HTTP/3', type: 'boolean', default: true, help: 'HTTP/3 always runs over QUIC with TLS, to the UDP port of the TLS port\'s number.' },
      tls,
    ],
  },
  {
    id: 'server-push',
    title: 'Server push',
    protocol: 'h2',
    summary: 'GET /push: the server promises three resources before the page.',
    explanation:
      'The client allows push (SETTINGS_ENABLE_PUSH=1). Before it sends the page, the server sends a ' +
      'PUSH_PROMISE per resource on the page\'s stream, reserving even-numbered streams, then the pushed ' +
      'responses arrive on them. Browsers have since dropped push, but it shows how streams can be reserved.',
    references: [
      { label: 'RFC 9113 §8.4 Server push', url: `${RFC9113}#section-8.4` },
      { label: 'RFC 9113 §6.6 PUSH_PROMISE', url: `${RFC9113}#section-6.6` },
    ],
    options: [{ key: 'accept', label: 'Accept pushes', type: 'boolean', default: true }, tls],
  },
  {
    id: 'flow-control',
    title: 'Flow control',
    protocol: 'h2',
    summary: 'A tiny window: DATA stops until the client sends WINDOW_UPDATE.',
    explanation:
      'The client announces a small stream window (SETTINGS_INITIAL_WINDOW_SIZE) and sends no WINDOW_UPDATE by ' +
      'itself. The server may send only that many bytes of DATA, then must wait. Each time the client opens the ' +
      'window by hand, another window\'s worth arrives.',
    references: [
      { label: 'RFC 9113 §5.2 Flow control', url: `${RFC9113}#section-5.2` },
      { label: 'RFC 9113 §6.9 WINDOW_UPDATE', url: `${RFC9113}#section-6.9` },
    ],
    options: [
      { key: 'windowBytes', label: 'Stream window (bytes)', type: 'number', default: 4096, min: 1, max: 65535 },
      { key: 'bodyBytes', label: 'Response size (bytes)', type: 'number', default: 16384, min: 1, max: 10_000_000 },
      { key: 'stallMs', label: 'Wait before WINDOW_UPDATE (ms)', type: 'number', default: 600, min: 0, max: 10_000 },
      tls,
    ],
  },
  {
    id: 'h2c',
    title: 'h2c (cleartext HTTP/2)',
    protocol: 'h2',
    summary: 'HTTP/2 without TLS, with prior knowledge: the preface says it all.',
    explanation:
      'Without TLS there is no ALPN, so a client that knows the server speaks HTTP/2 simply starts with the ' +
      'connection preface. The embedded server reads the first 24 bytes: the preface means h2c, anything else ' +
      'HTTP/1.1.',
    references: [
      { label: 'RFC 9113 §3.3 Starting HTTP/2 with prior knowledge', url: `${RFC9113}#section-3.3` },
      { label: 'RFC 9113 §3.4 Connection preface', url: `${RFC9113}#section-3.4` },
    ],
    options: [
      { key: 'path', label: 'Path', type: 'string', default: '/bytes?n=4096' },
      {
        key: 'upgrade',
        label: 'Start with HTTP/1.1 Upgrade: h2c',
        type: 'boolean',
        default: false,
        help: 'The deprecated way (RFC 7540 §3.2): nghttpd switches with 101; the embedded server (Node) declines and answers over HTTP/1.1.',
      },
    ],
  },
  {
    id: 'alpn',
    title: 'ALPN',
    protocol: 'mixed',
    summary: 'Offer h2 and http/1.1, then http/1.1 only: the server picks.',
    explanation:
      'In its ClientHello the client lists the protocols it speaks; the server picks one it speaks too and says ' +
      'so in its reply — no extra round trip. Offered h2 and http/1.1, the embedded server picks h2; offered ' +
      'only http/1.1, it picks http/1.1.',
    references: [
      { label: 'RFC 7301 ALPN', url: 'https://www.rfc-editor.org/rfc/rfc7301' },
      { label: 'RFC 9113 §3.2 Starting HTTP/2 for https URIs', url: `${RFC9113}#section-3.2` },
    ],
    options: [],
  },
  {
    id: 'hpack',
    title: 'HPACK',
    protocol: 'h2',
    summary: 'Repeated requests shrink as the dynamic table fills.',
    explanation:
      'The first request sends its header fields as literals and adds them to the dynamic table; the next ones ' +
      'refer to table entries by index — one or two bytes instead of the whole field. Watch the HEADERS frames ' +
      'shrink and the table grow.',
    references: [
      { label: 'RFC 7541 §2.3 Indexing tables', url: `${RFC7541}#section-2.3` },
      { label: 'RFC 7541 §6 Binary format', url: `${RFC7541}#section-6` },
    ],
    options: [{ key: 'requests', label: 'Requests', type: 'number', default: 5, min: 2, max: 30 }, tls],
  },
  {
    id: 'reset-goaway',
    title: 'RST_STREAM and GOAWAY',
    protocol: 'h2',
    summary: 'Cancel one stream, keep the connection, then close it gracefully.',
    explanation:
      'RST_STREAM ends one stream at once (here CANCEL: the client no longer wants a slow response) while the ' +
      'connection carries on. GOAWAY ends the connection: it says which streams were processed and why; no new ' +
      'stream may start on it.',
    references: [
      { label: 'RFC 9113 §6.4 RST_STREAM', url: `${RFC9113}#section-6.4` },
      { label: 'RFC 9113 §6.8 GOAWAY', url: `${RFC9113}#section-6.8` },
    ],
    options: [tls],
  },
  {
    id: 'frame-script',
    title: 'Frame script',
    protocol: 'h2',
    summary: 'Write frames yourself, even illegal ones, and see how the server reacts.',
    explanation:
      'After the preface and SETTINGS, each line of the script is sent as one frame, exactly as written. Try a ' +
      'zero window, a DATA frame on stream 0, a HEADERS frame on an even stream, a huge WINDOW_UPDATE: the ' +
      'server answers with RST_STREAM or GOAWAY and the error code names the rule you broke.',
    references: [
      { label: 'RFC 9113 §5.4 Error handling', url: `${RFC9113}#section-5.4` },
      { label: 'RFC 9113 §7 Error codes', url: `${RFC9113}#section-7` },
    ],
    options: [
      { key: 'script', label: 'Frames', type: 'text', default: DEFAULT_FRAME_SCRIPT, help: 'See the grammar in the README; WAIT ms pauses.' },
      { key: 'waitMs', label: 'Watch after the last frame (ms)', type: 'number', default: 1000, min: 0, max: 60_000 },
      tls,
    ],
  },
];
