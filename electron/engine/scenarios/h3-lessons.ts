/**
 * Runners of the HTTP/3 lessons (ids and texts in shared/scenarios-h3.ts): our HTTP/3 client (client/h3-client.ts)
 * over our QUIC, against the embedded server's HTTP/3 or a target URL's UDP port.
 */
import { ApiError } from '../../../shared/errors';
import type { HeaderField } from '../../../shared/events';
import { findH3, parseAltSvc } from '../client/alt-svc';
import type { H3ClientSession } from '../client/h3-client';
import type { ClientTarget } from '../client/target';
import { settingName } from '../protocols/http3';
import { expect, num, type ScenarioContext, type ScenarioRunner } from './context';

/** The TLS target HTTP/3 goes to (QUIC always runs TLS): https://host:port → UDP port. */
function h3Target(ctx: ScenarioContext): ClientTarget {
  const target = ctx.targetFor(true);
  if (target.scheme !== 'https') throw new ApiError('bad_argument', `HTTP/3 runs over QUIC, which always runs TLS: give an https:// target, not ${target.scheme}://${target.authority}`);
  return target;
}

/** The server's SETTINGS as "NAME=value, …" (or a note that they have not arrived). */
export function peerSettingsText(h3: H3ClientSession): string {
  const e = h3.appEvents.find((x) => x.kind === 'settings');
  if (!e || e.kind !== 'settings') return '(not yet arrived)';
  return e.settings.length === 0 ? '(empty: every default)' : e.settings.map((s) => `${settingName(s.id)}=${s.value}`).join(', ');
}

/** One GET: control and QPACK streams, SETTINGS both ways, HEADERS and DATA, GOAWAY and CONNECTION_CLOSE. */
export const h3Basics: ScenarioRunner = async (ctx) => {
  const target = h3Target(ctx);
  const path = String(ctx.options['path'] || '/');
  if (!path.startsWith('/')) throw new ApiError('bad_argument', 'path must start with /');
  ctx.note(`QUIC to UDP ${target.host}:${target.port}, ALPN h3`);
  const h3 = await ctx.connectH3({}, target);
  const { control, encoder, decoder } = h3.h3.localStreams;
  ctx.note(`HTTP/3 starts: our control stream ${control} (type 0x00) with SETTINGS, QPACK encoder stream ${encoder} (0x02) and decoder stream ${decoder} (0x03)`);
  ctx.note(`GET ${path} on stream 0: one HEADERS frame, then the stream's FIN ends the request`);
  const r = await h3.request({ path });
  ctx.note(`the server's SETTINGS: ${peerSettingsText(h3)}`);
  ctx.note(`stream ${r.streamId}: ${r.status}, a HEADERS frame and ${r.body.length} bytes in ${r.dataChunks} DATA frame(s), then FIN — ${(r.timings.endedAt - r.timings.sentAt).toFixed(1)} ms`);
  ctx.note('closing: GOAWAY on our control stream, then CONNECTION_CLOSE with H3_NO_ERROR (0x100)');
  await h3.close();
};

/** Slow, chunked and sized responses at once on one connection, each on its own stream. */
export const h3Multiplexing: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const slow = num(ctx, 'slowMs');
  const gap = Math.max(20, Math.round(slow / 4));
  const kinds = [`/slow?ms=${slow}`, `/chunk?n=4&ms=${gap}`, '/bytes?n=48000', `/chunk?n=4&ms=${gap}`, '/bytes?n=4000', '/bytes?n=96000'];
  const paths = Array.from({ length: n }, (_, i) => `${kinds[i % kinds.length]!}&i=${i + 1}`);
  const h3 = await ctx.connectH3({}, h3Target(ctx));
  ctx.note(`${n} requests at once on one QUIC connection, streams 0 to ${4 * (n - 1)}: ${paths.map((p) => p.split('&i=')[0]).join(', ')}`);
  const responses = await Promise.all(paths.map((path) => h3.request({ path })));
  responses.forEach((r, i) => expect(r.status === 200, `${paths[i]} answered ${r.status}`));
  const byEnd = [...responses].sort((a, b) => a.timings.endedAt - b.timings.endedAt);
  ctx.note(`finished in this order: ${byEnd.map((r) => `stream ${r.streamId} (${paths[responses.indexOf(r)]!.split('&i=')[0]})`).join(', ')}`);
  const chunked = responses.filter((_, i) => paths[i]!.startsWith('/chunk'));
  if (chunked.length >= 2) {
    const [a, b] = chunked as [(typeof chunked)[0], (typeof chunked)[0]];
    const overlap = a.timings.firstByteAt !== null && b.timings.firstByteAt !== null && a.timings.firstByteAt < b.timings.endedAt && b.timings.firstByteAt < a.timings.endedAt;
    ctx.note(`streams ${a.streamId} and ${b.streamId} (/chunk) ${overlap ? 'interleaved: chunks of both arrived while the other was still open' : 'did not overlap this time'}`);
  }
  if (h3.queued > 0) ctx.note(`${h3.queued} requests still wait for MAX_STREAMS`);
  await h3.close();
};

/** The header fields the qpack lesson repeats: long enough that indexes visibly pay off. */
const REPEATED: readonly HeaderField[] = [
  ['accept', 'text/html,application/xhtml+xml'],
  ['accept-language', 'en-GB,en;q=0.9,fr;q=0.8'],
  ['cookie', 'session=3f9a2c7d1e5b4a60; theme=dark; lesson=qpack'],
  ['x-framescope-lesson', 'qpack: watch this header shrink to one byte'],
];

/** The same header fields on every request: QPACK inserts, acknowledgments, and HEADERS frames that shrink. */
export const qpack: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const capacity = num(ctx, 'tableCapacity');
  const h3 = await ctx.connectH3({ h3: { settings: { qpackMaxTableCapacity: capacity, qpackBlockedStreams: capacity > 0 ? 16 : 0 }, qpack: { tableCapacity: capacity } } }, h3Target(ctx));
  const sent = new Map<number, number>();
  const received = new Map<number, number>();
  let inserts = 0;
  let acks = 0;
  h3.onTrace = (t) => {
    if (t.name === 'http3:frame_created' && t.data.frame_type === 'headers' && t.stream !== undefined) sent.set(t.stream, t.data.length);
    else if (t.name === 'http3:frame_parsed' && t.data.frame_type === 'headers' && t.stream !== undefined) received.set(t.stream, t.data.length);
    else if (t.name === 'qpack:instruction' && t.dir === 'sent' && t.data.instruction_type.startsWith('insert_')) inserts++;
    else if (t.name === 'qpack:instruction' && t.dir === 'received' && t.data.instruction_type === 'section_acknowledgement') acks++;
  };
  ctx.note(
    capacity > 0
      ? `our SETTINGS allow the server a ${capacity}-byte table (QPACK_MAX_TABLE_CAPACITY) with up to 16 blocked streams; our encoder uses up to ${capacity} bytes of what the server allows`
      : 'table capacity 0: no dynamic table either way, every field goes as a static index or a literal',
  );
  const first: number[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await h3.request({ path: i === 1 ? '/' : `/?page=${i}`, headers: REPEATED });
    expect(r.status === 200, `request ${i} answered ${r.status}`);
    const size = sent.get(r.streamId) ?? 0;
    if (i === 1) first.push(size, received.get(r.streamId) ?? 0, inserts);
    ctx.note(`request ${i} on stream ${r.streamId}: our HEADERS ${size} bytes, the response's ${received.get(r.streamId) ?? '?'} bytes; ${inserts} insert${inserts === 1 ? '' : 's'} on our encoder stream so far, ${acks} Section Acknowledgment${acks === 1 ? '' : 's'} from the server`);
  }
  ctx.note(`the server's SETTINGS: ${peerSettingsText(h3)}`);
  const last = sent.get(4 * (n - 1)) ?? 0;
  ctx.note(
    capacity > 0 && inserts > 0
      ? `our HEADERS went from ${first[0]} to ${last} bytes: the repeated fields are one-byte references to the dynamic table now (see the QPACK panel)`
      : `our HEADERS stayed about the same (${first[0]} → ${last} bytes): without a dynamic table every request spells its fields out`,
  );
  await h3.close();
};

/** h2 first; the response's alt-svc names h3 on a UDP port; the next requests go there over HTTP/3. */
export const altSvc: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const origin = h3Target(ctx);
  ctx.note(`first visit: nothing is known about HTTP/3 at ${origin.authority} yet, so HTTP/2 over TCP and TLS`);
  const h2 = await ctx.connectH2({}, origin);
  const first = await h2.request({ path: '/' });
  await h2.close();
  const field = first.headers.filter(([name]) => name === 'alt-svc').map(([, v]) => v).join(', ');
  expect(field !== '', `${origin.authority} sent no alt-svc field over HTTP/2: it does not advertise HTTP/3`);
  const parsed = parseAltSvc(field);
  for (const why of parsed.errors) ctx.note(`alt-svc: left out ${why}`);
  const alt = findH3(parsed);
  expect(alt !== undefined, `alt-svc: ${field} offers no h3`);
  const host = alt!.host || origin.host;
  ctx.note(`the HTTP/2 response says alt-svc: ${field} — this origin speaks HTTP/3 (ALPN h3) on ${alt!.host ? host : 'the same host'}, UDP port ${alt!.port}, for ${alt!.maxAge} s; we remember it (RFC 7838 §3.1)`);
  // the alternative serves the same origin: requests still name it (:authority), its certificate must cover it (RFC 7838 §2.1)
  const alternative: ClientTarget = { ...origin, host, port: alt!.port };
  ctx.note(`next visit: QUIC to UDP ${host}:${alt!.port}; the requests still say :authority ${origin.authority}`);
  const h3 = await ctx.connectH3({}, alternative);
  for (let i = 1; i <= n; i++) {
    const r = await h3.request({ path: i === 1 ? '/' : `/?visit=${i}` });
    expect(r.status === 200, `request ${i} over HTTP/3 answered ${r.status}`);
    ctx.note(`request ${i} over HTTP/3 on stream ${r.streamId}: ${r.status}, ${r.body.length} bytes`);
  }
  await h3.close();
};
