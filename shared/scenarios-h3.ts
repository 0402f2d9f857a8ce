/**
 * The HTTP/3 lessons (RFC 9114, RFC 9204, RFC 7838), described for the person and the engine. Runners live in
 * electron/engine/scenarios/h3-lessons.ts.
 */
import type { ScenarioInfo } from './scenario-types';

const RFC9114 = 'https://www.rfc-editor.org/rfc/rfc9114';
const RFC9204 = 'https://www.rfc-editor.org/rfc/rfc9204';
const RFC9000 = 'https://www.rfc-editor.org/rfc/rfc9000';
const RFC7838 = 'https://www.rfc-editor.org/rfc/rfc7838';

/** The HTTP/3 lessons, in the order the lesson list shows them. */
export const H3_SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'h3-basics',
    title: 'HTTP/3 basics',
    protocol: 'h3',
    summary: 'Control and QPACK streams, SETTINGS, one GET as HEADERS and DATA on a QUIC stream, GOAWAY and close.',
    explanation:
      'Once QUIC has agreed on ALPN h3, there is no preface: each side opens three unidirectional streams, each ' +
      'starting with a one-byte stream type. The control stream (type 0x00, our stream 2, the server\'s 3) must ' +
      'carry SETTINGS first; the QPACK encoder stream (0x02) and decoder stream (0x03) carry header compression ' +
      'instructions. Both sides also send reserved ("grease") settings and frame types that the other must ignore. ' +
      'The request travels on its own bidirectional stream (stream 0): a HEADERS frame with the QPACK-compressed ' +
      'request, then the end of the stream — there is no END_STREAM flag and no stream id inside HTTP/3 frames, the ' +
      'QUIC stream says both. The response is a HEADERS frame and DATA frames on the same stream, ended by the ' +
      'stream\'s FIN. To finish, the client sends GOAWAY on its control stream and closes the connection with ' +
      'H3_NO_ERROR (0x100). Watch each frame leave one end and arrive at the other, inside the QUIC packets that ' +
      'carry it.',
    references: [
      { label: 'RFC 9114 §3.1 Discovering an HTTP/3 endpoint (ALPN h3)', url: `${RFC9114}#section-3.1` },
      { label: 'RFC 9114 §6.2 Unidirectional streams', url: `${RFC9114}#section-6.2` },
      { label: 'RFC 9114 §6.2.1 Control streams', url: `${RFC9114}#section-6.2.1` },
      { label: 'RFC 9114 §7.2.4 SETTINGS', url: `${RFC9114}#section-7.2.4` },
      { label: 'RFC 9114 §4.1 HTTP message framing', url: `${RFC9114}#section-4.1` },
      { label: 'RFC 9114 §7.2.8 Reserved frame types (grease)', url: `${RFC9114}#section-7.2.8` },
      { label: 'RFC 9114 §5.2 Connection shutdown (GOAWAY)', url: `${RFC9114}#section-5.2` },
      { label: 'RFC 9204 §4.2 Encoder and decoder streams', url: `${RFC9204}#section-4.2` },
    ],
    options: [{ key: 'path', label: 'Path', type: 'string', default: '/' }],
  },
  {
    id: 'h3-multiplexing',
    title: 'HTTP/3 multiplexing',
    protocol: 'h3',
    summary: 'Slow, chunked and sized responses at once, each on its own QUIC stream, interleaving.',
    explanation:
      'Every request gets its own bidirectional QUIC stream (0, 4, 8, …). Here a slow response, two chunked ones ' +
      'and a few of different sizes go out at once; the chunks of the two /chunk streams interleave while /slow is ' +
      'still waiting, and the sized bodies share the packets in between. HTTP/2 multiplexes too, but over one TCP ' +
      'byte stream: a lost segment holds back every stream behind it. QUIC orders bytes per stream only, so a lost ' +
      'packet delays just the streams whose data it carried. Watch the STREAM frames of different streams share ' +
      'packets, and the HTTP/3 frames of each stream line up in its own row.',
    references: [
      { label: 'RFC 9114 §4.1 HTTP message framing', url: `${RFC9114}#section-4.1` },
      { label: 'RFC 9114 §6.1 Bidirectional streams', url: `${RFC9114}#section-6.1` },
      { label: 'RFC 9000 §2 Streams', url: `${RFC9000}#section-2` },
      { label: 'RFC 9000 §4.6 Controlling concurrency (MAX_STREAMS)', url: `${RFC9000}#section-4.6` },
    ],
    options: [
      { key: 'requests', label: 'Requests', type: 'number', default: 6, min: 3, max: 100 },
      { key: 'slowMs', label: 'Delay of /slow (ms)', type: 'number', default: 600, min: 0, max: 10_000 },
    ],
  },
  {
    id: 'qpack',
    title: 'QPACK',
    protocol: 'h3',
    summary: 'The same header fields again and again: inserts on the encoder stream, acknowledgments back, HEADERS shrink.',
    explanation:
      'HPACK relied on TCP delivering every header block in order, so each block could change the table the next ' +
      'one used. QUIC streams arrive independently, so QPACK moves table changes onto a stream of their own: the ' +
      'encoder sends Set Dynamic Table Capacity and Insert instructions on its encoder stream, and a field section ' +
      'then refers to entries by index, saying how many inserts it needs (the Required Insert Count). A decoder ' +
      'that has not seen those inserts yet holds that stream back (it is "blocked", at most ' +
      'SETTINGS_QPACK_BLOCKED_STREAMS of them). The decoder reports on its decoder stream: Section Acknowledgment ' +
      'when it has decoded a section, Insert Count Increment for inserts it received, so the encoder knows which ' +
      'entries are safe to refer to and which may be evicted. Each side allows a table with ' +
      'SETTINGS_QPACK_MAX_TABLE_CAPACITY. Here the client sends the same cookie, accept and custom fields on every ' +
      'request: the first HEADERS frame spells them out as literals; as they repeat, the encoder inserts them on ' +
      'its encoder stream and the later HEADERS frames shrink to a few bytes of indexes. The server does the same ' +
      'with its response fields. The ' +
      'QPACK panel shows both tables filling; with a table capacity of 0 nothing is inserted and nothing shrinks.',
    references: [
      { label: 'RFC 9204 §2.1.1 Dynamic table insertion, eviction', url: `${RFC9204}#section-2.1.1` },
      { label: 'RFC 9204 §2.1.2 Blocked streams', url: `${RFC9204}#section-2.1.2` },
      { label: 'RFC 9204 §4.3 Encoder instructions', url: `${RFC9204}#section-4.3` },
      { label: 'RFC 9204 §4.4 Decoder instructions', url: `${RFC9204}#section-4.4` },
      { label: 'RFC 9204 §4.5.1 Encoded field section prefix', url: `${RFC9204}#section-4.5.1` },
      { label: 'RFC 9204 §5 Configuration (SETTINGS)', url: `${RFC9204}#section-5` },
    ],
    options: [
      { key: 'requests', label: 'Requests', type: 'number', default: 4, min: 2, max: 30 },
      {
        key: 'tableCapacity',
        label: 'Table capacity (bytes)',
        type: 'number',
        default: 4096,
        min: 0,
        max: 65_536,
        help: 'Our SETTINGS_QPACK_MAX_TABLE_CAPACITY (how much the server may insert for us) and the table our encoder uses (at most what the server allows). 0: no dynamic table.',
      },
    ],
  },
  {
    id: 'alt-svc',
    title: 'Alt-Svc: from HTTP/2 to HTTP/3',
    protocol: 'mixed',
    summary: 'The first request over h2 learns alt-svc: h3=":PORT"; the next ones go over HTTP/3 to that UDP port.',
    explanation:
      'A client cannot know in advance that a server speaks HTTP/3: it starts over TCP and TLS (h2 here), and the ' +
      'server advertises an alternative service in its response, e.g. alt-svc: h3=":8443"; ma=86400 — the same ' +
      'origin is also reachable with ALPN h3 on UDP port 8443 (no host: the same host) for the next 86400 seconds. ' +
      'The client remembers that, and its next requests open a QUIC connection to the alternative and go over ' +
      'HTTP/3; the request still names the original origin (:authority), and the certificate must still be valid ' +
      'for it. Browsers do exactly this, which is why the first visit to a site is HTTP/2 and the next ones are ' +
      'HTTP/3. Watch the alt-svc field in the HTTP/2 response, then the QUIC handshake to the advertised port, and ' +
      'the requests on the new connection.',
    references: [
      { label: 'RFC 7838 §2 Alternative services concepts', url: `${RFC7838}#section-2` },
      { label: 'RFC 7838 §3 The Alt-Svc HTTP header field', url: `${RFC7838}#section-3` },
      { label: 'RFC 7838 §3.1 Caching Alt-Svc header field values (ma)', url: `${RFC7838}#section-3.1` },
      { label: 'RFC 9114 §3.1.1 HTTP Alternative Services', url: `${RFC9114}#section-3.1.1` },
    ],
    options: [{ key: 'requests', label: 'Requests over h3', type: 'number', default: 3, min: 1, max: 30 }],
  },
];
