/**
 * Plain-language explanations of event types, with the RFC section that defines each, for the inspector.
 * Pure TypeScript: no node:*, no DOM. Nothing here throws on odd input (events come from files of other versions).
 */
import type { EventName, SessionEvent } from './events';

type Data = Record<string, unknown>;

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
const H2_FRAME_FORMAT = ref(9113, '4.1', 'Frame Format');
const H2_STREAM_STATES = ref(9113, '5.1', 'Stream States');
const H2_FLOW = ref(9113, '5.2', 'Flow Control');
const H2_ERRORS = ref(9113, '5.4', 'Error Handling');
const H2_SETTINGS = ref(9113, '6.5', 'SETTINGS');
const H3_FRAME_LAYOUT = ref(9114, '7.1', 'Frame Layout');

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
  'h2:preface': {
    title: 'HTTP/2 connection preface',
    explanation:
      'Before its first frame, an HTTP/2 client sends 24 fixed bytes, "PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n", then ' +
      'a SETTINGS frame. The odd text looks like an HTTP/1.x request that no HTTP/1.1 server would accept, so a ' +
      'server that does not speak HTTP/2 fails fast instead of misreading frames; an h2c server recognises it ' +
      'to know the client is speaking HTTP/2 with prior knowledge.',
    reference: ref(9113, '3.4', 'HTTP/2 Connection Preface'),
  },
  'h2:frame': {
    title: 'HTTP/2 frame',
    explanation:
      'HTTP/2 cuts everything into binary frames. Each starts with a 9-byte header: a 24-bit payload length, ' +
      'an 8-bit type (DATA, HEADERS, SETTINGS, …), 8 bits of flags (END_STREAM, END_HEADERS, ACK, …) and a ' +
      '31-bit stream id; the payload follows. Frames of different streams interleave on one connection, which ' +
      'is how HTTP/2 multiplexes requests; stream 0 carries frames about the connection itself.',
    reference: H2_FRAME_FORMAT,
    seeAlso: [ref(9113, '6', 'Frame Definitions'), H2_STREAM_STATES],
  },
  'h2:stream_state': {
    title: 'HTTP/2 stream state change',
    explanation:
      'A stream moved along the state diagram of RFC 9113: idle, open, half-closed (local or remote), closed. ' +
      'Sending or receiving HEADERS opens a stream; END_STREAM half-closes it in that direction; when both ' +
      'sides have ended, or one reset it with RST_STREAM, it is closed. The cause says which frame moved it.',
    reference: H2_STREAM_STATES,
  },
  'h2:flow_window': {
    title: 'HTTP/2 flow-control window',
    explanation:
      'HTTP/2 limits how many DATA bytes a sender may have in flight, per stream and for the whole connection. ' +
      'Sending DATA shrinks the send window; the receiver grows it again with WINDOW_UPDATE once it has used the ' +
      'data. A sender whose window reaches zero must wait, which is how a slow reader pushes back.',
    reference: H2_FLOW,
    seeAlso: [ref(9113, '6.9', 'WINDOW_UPDATE')],
  },
  'h2:settings_applied': {
    title: 'HTTP/2 settings in effect',
    explanation:
      'Each end announces its limits in a SETTINGS frame: header table size, concurrent streams, initial window ' +
      'size, maximum frame size and so on. The peer must acknowledge them with a SETTINGS frame flagged ACK; ' +
      'our own settings apply once acknowledged, the peer\'s as soon as they are received.',
    reference: ref(9113, '6.5.3', 'Settings Synchronization'),
    seeAlso: [ref(9113, '6.5.2', 'Defined Settings')],
  },
  'h2:error': {
    title: 'HTTP/2 error',
    explanation:
      'One end broke a rule of the protocol. A stream error ends only that stream, with RST_STREAM; a ' +
      'connection error ends the whole connection, with GOAWAY naming the last stream that was processed. The ' +
      'error code (PROTOCOL_ERROR, FLOW_CONTROL_ERROR, …) says what kind of rule, and the initiator who found it.',
    reference: H2_ERRORS,
    seeAlso: [ref(9113, '7', 'Error Codes')],
  },
  'hpack:table_updated': {
    title: 'HPACK dynamic table',
    explanation:
      'HPACK compresses headers by remembering recent fields in a dynamic table that the encoder and the decoder ' +
      'keep in step. A field sent "with incremental indexing" is inserted at index 62, pushing older entries up; ' +
      'when the table exceeds its maximum size the oldest entries are evicted. Later header blocks then send a ' +
      'single index byte instead of the whole field.',
    reference: ref(7541, '2.3.2', 'Dynamic Table'),
    seeAlso: [ref(7541, '4', 'Dynamic Table Management')],
  },
  'quic:packet_sent': {
    title: 'QUIC packet sent',
    explanation:
      'One QUIC packet left this end. Its header (type, packet number, connection IDs) is partly protected on the ' +
      'wire; the payload is a list of frames sealed with the keys of its encryption level (Initial, Handshake or ' +
      '1-RTT). The raw bytes shown are the decrypted payload. Several packets of different levels may share one ' +
      'UDP datagram (coalesced), and a client pads datagrams carrying Initial packets to 1200 bytes.',
    reference: ref(9000, '12', 'Packets and Frames'),
    seeAlso: [ref(9000, '17', 'Packet Formats'), ref(9001, '5', 'Packet Protection')],
  },
  'quic:packet_received': {
    title: 'QUIC packet received',
    explanation:
      'A packet arrived and was decrypted with the keys of its encryption level. Its frames were then processed ' +
      'in order: CRYPTO frames feed the TLS handshake, STREAM frames the streams, ACK frames the loss detector. A ' +
      'packet that elicits an acknowledgement will be acknowledged at once during the handshake, and after at most ' +
      'max_ack_delay once data flows.',
    reference: ref(9000, '12', 'Packets and Frames'),
    seeAlso: [ref(9000, '13.2', 'Generating Acknowledgments')],
  },
  'quic:packet_dropped': {
    title: 'QUIC packet dropped',
    explanation:
      'A packet was discarded without harming the connection: it could not be parsed, its keys are not (or no ' +
      'longer) available, it failed authentication, it was a duplicate, or it was meant for another connection. ' +
      'QUIC never closes a connection over a packet it cannot authenticate, so an attacker cannot kill it with garbage.',
    reference: ref(9000, '12.2', 'Coalescing Packets'),
    seeAlso: [ref(9001, '5.5', 'Receiving Protected Packets')],
  },
  'quic:packet_lost': {
    title: 'QUIC packet declared lost',
    explanation:
      'The loss detector decided this packet will not arrive: a packet sent at least three later was acknowledged ' +
      '(packet threshold) or it is older than 9/8 of the round-trip time (time threshold). QUIC never resends a ' +
      'packet as such: the frames that still matter (CRYPTO and STREAM data, control frames) go out again in new ' +
      'packets with new numbers, and the congestion window shrinks.',
    reference: ref(9002, '6.1', 'Acknowledgment-Based Detection'),
    seeAlso: [ref(9002, '7.3.2', 'Recovery')],
  },
  'quic:packets_acked': {
    title: 'QUIC packets acknowledged',
    explanation:
      'An ACK frame from the peer confirmed these packet numbers. Their frames are settled, they leave the bytes ' +
      'in flight, the congestion window may grow, and the newest of them gives a round-trip time sample.',
    reference: ref(9000, '13.2', 'Generating Acknowledgments'),
    seeAlso: [ref(9002, '5', 'Estimating the Round-Trip Time')],
  },
  'quic:recovery_metrics_updated': {
    title: 'QUIC recovery metrics',
    explanation:
      'The round-trip estimates (latest, minimum, smoothed and variance), the probe timeout count and NewReno\'s ' +
      'congestion window and bytes in flight changed. The sender may only have a congestion window\'s worth of ' +
      'bytes unacknowledged; it doubles each round trip in slow start and halves on a loss.',
    reference: ref(9002, '5', 'Estimating the Round-Trip Time'),
    seeAlso: [ref(9002, '7', 'Congestion Control'), ref(9002, '6.2', 'Probe Timeout')],
  },
  'quic:stream_state_updated': {
    title: 'QUIC stream state',
    explanation:
      'A stream\'s sending or receiving half changed state. Sending goes Ready → Send → Data Sent → Data Recvd, ' +
      'or to Reset Sent when abandoned; receiving goes Recv → Size Known → Data Recvd → Data Read, or to Reset ' +
      'Recvd. Each stream is independent: a lost packet stalls only the streams whose data it carried.',
    reference: ref(9000, '3', 'Stream States'),
    seeAlso: [ref(9000, '2.1', 'Stream Types and Identifiers')],
  },
  'quic:key_updated': {
    title: 'QUIC keys installed',
    explanation:
      'Packet protection keys for an encryption level became available. Initial keys come from the client\'s ' +
      'first Destination Connection ID and a published salt (anyone can read Initial packets); Handshake and ' +
      '1-RTT keys come from the TLS handshake\'s secrets.',
    reference: ref(9001, '5', 'Packet Protection'),
    seeAlso: [ref(9001, '5.2', 'Initial Secrets')],
  },
  'quic:key_discarded': {
    title: 'QUIC keys discarded',
    explanation:
      'Keys of an encryption level were thrown away: Initial keys once Handshake packets flow, Handshake keys once ' +
      'the handshake is confirmed. Packets still in flight at that level are forgotten and late arrivals dropped.',
    reference: ref(9001, '4.9', 'Discarding Unused Keys'),
  },
  'quic:parameters_set': {
    title: 'QUIC transport parameters',
    explanation:
      'The limits one end declared in the TLS handshake: flow control windows for the connection and each kind of ' +
      'stream, how many streams the peer may open, the idle timeout, max_ack_delay, and the connection IDs that ' +
      'authenticate the handshake\'s choice of IDs.',
    reference: ref(9000, '18.2', 'Transport Parameter Definitions'),
    seeAlso: [ref(9000, '7.4', 'Transport Parameters')],
  },
  'quic:connection_closed': {
    title: 'QUIC connection closed',
    explanation:
      'The connection ended: with a CONNECTION_CLOSE frame (a transport error code such as FLOW_CONTROL_ERROR, or ' +
      'an application code), or silently after the idle timeout. The closing end lingers for three probe ' +
      'timeouts to answer stray packets with the close again.',
    reference: ref(9000, '10', 'Connection Termination'),
    seeAlso: [ref(9000, '20', 'Error Codes')],
  },
  'tls:handshake_message': {
    title: 'TLS handshake message',
    explanation:
      'One TLS 1.3 handshake message, carried in QUIC CRYPTO frames at the encryption level shown (QUIC has no TLS ' +
      'records). ClientHello and ServerHello travel in Initial packets, the rest of the server\'s flight and the ' +
      'client\'s Finished in Handshake packets.',
    reference: ref(9001, '4', 'Carrying TLS Messages'),
    seeAlso: [ref(8446, '4', 'Handshake Protocol')],
  },
  'http3:frame_created': {
    title: 'HTTP/3 frame sent',
    explanation:
      'HTTP/3 writes frames onto QUIC streams: a type and a length, both variable-length integers, then the payload. ' +
      'Requests and responses travel on their own bidirectional stream (HEADERS, DATA, maybe trailing HEADERS); ' +
      'settings, GOAWAY and push limits on a unidirectional control stream. QUIC already delivers each stream in ' +
      'order and multiplexes them, so HTTP/3 frames need no stream id and no flags.',
    reference: H3_FRAME_LAYOUT,
    seeAlso: [ref(9114, '7.2', 'Frame Definitions'), ref(9114, '4.1', 'HTTP Message Framing')],
  },
  'http3:frame_parsed': {
    title: 'HTTP/3 frame received',
    explanation:
      'A frame read off a QUIC stream: its type, its length and its payload. Header sections inside HEADERS and ' +
      'PUSH_PROMISE are QPACK-compressed; a section that refers to dynamic table entries the encoder stream has ' +
      'not delivered yet waits ("blocked") until those instructions arrive. Frames of reserved types are ignored, ' +
      'which keeps the protocol open to extensions.',
    reference: H3_FRAME_LAYOUT,
    seeAlso: [ref(9114, '7.2', 'Frame Definitions'), ref(9204, '2.2.1', 'Blocked Decoding')],
  },
  'http3:stream_type_set': {
    title: 'HTTP/3 stream type',
    explanation:
      'Every unidirectional QUIC stream in HTTP/3 starts with a stream type: 0x00 control, 0x01 push, 0x02 QPACK ' +
      'encoder, 0x03 QPACK decoder. Each side opens one control stream and, to use a dynamic table, one encoder and ' +
      'one decoder stream; these must stay open for the whole connection. Reserved types are ignored; unknown ' +
      'ones are refused with STOP_SENDING. Bidirectional streams are always request streams.',
    reference: ref(9114, '6.2', 'Unidirectional Streams'),
    seeAlso: [ref(9114, '6.1', 'Bidirectional Streams'), ref(9204, '4.2', 'Encoder and Decoder Streams')],
  },
  'http3:error': {
    title: 'HTTP/3 error',
    explanation:
      'One end broke a rule of HTTP/3 or QPACK. A stream error ends one request stream (RESET_STREAM and ' +
      'STOP_SENDING with the error code); a connection error closes the whole QUIC connection with ' +
      'CONNECTION_CLOSE. The code (H3_FRAME_UNEXPECTED, H3_MESSAGE_ERROR, QPACK_DECOMPRESSION_FAILED, …) says ' +
      'what kind of rule, and the initiator who found it.',
    reference: ref(9114, '8', 'Error Handling'),
    seeAlso: [ref(9114, '8.1', 'HTTP/3 Error Codes'), ref(9204, '6', 'Error Handling')],
  },
  'qpack:instruction': {
    title: 'QPACK instruction',
    explanation:
      'QPACK keeps its dynamic table in step over two unidirectional streams. The encoder stream carries inserts ' +
      '(with a name reference, with a literal name, or a duplicate) and capacity changes; the decoder stream ' +
      'carries Section Acknowledgments, Stream Cancellations and Insert Count Increments, which tell the encoder ' +
      'which entries are safe to reference without blocking and which may be evicted.',
    reference: ref(9204, '4.3', 'Encoder Instructions'),
    seeAlso: [ref(9204, '4.4', 'Decoder Instructions'), ref(9204, '2.1.4', 'Known Received Count')],
  },
  'qpack:table_updated': {
    title: 'QPACK dynamic table',
    explanation:
      'The QPACK dynamic table after a change. Unlike HPACK, entries are inserted by instructions on the encoder ' +
      'stream, not by the header sections themselves, so a request on another stream can arrive first and must ' +
      'wait. Entries have absolute indices counted from the first insert; the Known Received Count says how many ' +
      'inserts the decoder has confirmed, and an entry still referenced cannot be evicted.',
    reference: ref(9204, '3.2', 'Dynamic Table'),
    seeAlso: [ref(9204, '2.1.1', 'Limits on Dynamic Table Insertions'), ref(9204, '3.2.4', 'Absolute Indexing')],
  },
  'qpack:section_unblocked': {
    title: 'QPACK section unblocked',
    explanation:
      'A header section arrived before the encoder stream instructions it refers to, so its stream waited ' +
      '(at most SETTINGS_QPACK_BLOCKED_STREAMS streams may wait at once). The missing inserts have now arrived: ' +
      'the section is decoded and its stream resumes. This head-of-line blocking is the price of a dynamic table ' +
      'over independent QUIC streams.',
    reference: ref(9204, '2.2.1', 'Blocked Decoding'),
    seeAlso: [ref(9204, '2.1.2', 'Blocked Streams')],
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

const H2_FRAME_TYPES: Readonly<Record<string, { readonly section: string; readonly text: string }>> = {
  DATA: { section: '6.1', text: 'DATA carries the bytes of a message body; END_STREAM marks its last frame.' },
  HEADERS: { section: '6.2', text: 'HEADERS opens a stream and carries a header block compressed with HPACK.' },
  PRIORITY: { section: '6.3', text: 'PRIORITY carries the stream dependency scheme that RFC 9113 deprecates.' },
  RST_STREAM: { section: '6.4', text: 'RST_STREAM ends one stream at once, with an error code.' },
  SETTINGS: { section: '6.5', text: 'SETTINGS announces the sender’s limits; an empty one flagged ACK acknowledges the peer’s.' },
  PUSH_PROMISE: { section: '6.6', text: 'PUSH_PROMISE announces a response the server will push on a new stream.' },
  PING: { section: '6.7', text: 'PING measures the round trip: the peer echoes the 8 opaque bytes with ACK.' },
  GOAWAY: { section: '6.8', text: 'GOAWAY starts shutting the connection down and names the last stream processed.' },
  WINDOW_UPDATE: { section: '6.9', text: 'WINDOW_UPDATE grows a flow-control window so that more DATA may be sent.' },
  CONTINUATION: { section: '6.10', text: 'CONTINUATION carries the rest of a header block too large for one frame.' },
};

/** Explains one event, refining describeEventType with what its data says (e.g. the HTTP/2 frame type). */
export function describeEvent(event: SessionEvent): EventTypeDescription {
  const base = describeEventType(String(event?.name));
  try {
    const d = (event.data ?? {}) as Data;
    if (event.name === 'h2:frame' && typeof d.type === 'string') {
      if (d.type === 'PRIORITY_UPDATE') {
        return {
          ...base,
          title: 'HTTP/2 PRIORITY_UPDATE frame',
          explanation: `${base.explanation} PRIORITY_UPDATE signals a stream's new priority (urgency, incremental).`,
          reference: ref(9218, '7.1', 'The PRIORITY_UPDATE Frame'),
          seeAlso: [H2_FRAME_FORMAT],
        };
      }
      const known = H2_FRAME_TYPES[d.type];
      if (known) {
        return {
          ...base,
          title: `HTTP/2 ${d.type} frame`,
          explanation: `${base.explanation} ${known.text}`,
          reference: ref(9113, known.section, d.type),
          seeAlso: [H2_FRAME_FORMAT, ...(base.seeAlso ?? []).filter((r) => r.url !== H2_FRAME_FORMAT.url)],
        };
      }
      return {
        ...base,
        title: 'HTTP/2 frame of an unknown type',
        explanation: `${base.explanation} Frames of unknown types must be ignored, so that HTTP/2 can be extended.`,
        reference: ref(9113, '5.5', 'Extending HTTP/2'),
      };
    }
    if (event.name === 'h1:head') {
      const specific = d.kind === 'response' ? H1_STATUS_LINE : H1_REQUEST_LINE;
      return { ...base, seeAlso: [specific, ...(base.seeAlso ?? []).filter((r) => r.url !== specific.url)] };
    }
  } catch {
    // Odd data: the type's description is enough.
  }
  return base;
}
