/**
 * tshark as the ground truth for our QUIC bytes: a loopback capture of the quic-handshake lesson (our client to
 * the embedded server's QUIC listener), decrypted with the engine's key log (the Keys export), decodes into
 * exactly the packets and frames both of our ends reported sending — packet type and number, and frame types in
 * order — with no decryption failure, malformed packet or expert error, across a key update (RFC 9001 §6) that
 * tshark follows from the same key log. Skips with a message when tshark is
 * missing or may not capture on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuicPacketData } from '../../../shared/events';
import type { Engine } from '../engine';
import { startTestEngine } from '../test-support/engine-fixture';
import { hasCommand, runCommand } from '../test-support/peers';
import { startCapture, type TsharkCapture } from '../test-support/tshark';

const missing = !hasCommand('tshark');
if (missing) console.warn('tshark is not installed (apt-get install tshark): skipping the QUIC capture check');

/** qlog's frame type name of a QUIC frame type code (RFC 9000 §19, Table 3). */
function frameName(code: number): string {
  if (code >= 0x08 && code <= 0x0f) return 'stream';
  const names: Record<number, string> = {
    0x00: 'padding', 0x01: 'ping', 0x02: 'ack', 0x03: 'ack', 0x04: 'reset_stream', 0x05: 'stop_sending', 0x06: 'crypto', 0x07: 'new_token',
    0x10: 'max_data', 0x11: 'max_stream_data', 0x12: 'max_streams', 0x13: 'max_streams', 0x14: 'data_blocked', 0x15: 'stream_data_blocked',
    0x16: 'streams_blocked', 0x17: 'streams_blocked', 0x18: 'new_connection_id', 0x19: 'retire_connection_id', 0x1a: 'path_challenge',
    0x1b: 'path_response', 0x1c: 'connection_close', 0x1d: 'connection_close', 0x1e: 'handshake_done',
  };
  return names[code] ?? `unknown_0x${code.toString(16)}`;
}

const LONG_TYPES = ['initial', '0RTT', 'handshake', 'retry'];

/** One datagram as tshark decoded it: its sender's port, its packets ("type/number"), its frames in order, and any trouble. */
interface DecodedDatagram {
  readonly srcPort: number;
  readonly packets: string[];
  readonly frames: string[];
  readonly trouble: string;
  /** Key Phase bits of its short-header packets. */
  readonly keyPhases: number[];
}

async function decodeQuic(pcap: string, keys: string): Promise<{ datagrams: DecodedDatagram[]; stderr: string }> {
  const fields = ['udp.srcport', 'quic.header_form', 'quic.long.packet_type', 'quic.packet_number', 'quic.frame_type', '_ws.expert.message', '_ws.malformed', 'quic.key_phase'];
  const r = await runCommand('tshark', ['-r', pcap, '-o', `tls.keylog_file:${keys}`, '-Y', 'quic', '-T', 'fields', '-E', 'separator=/t', '-E', 'aggregator=|', ...fields.flatMap((f) => ['-e', f])]);
  if (r.code !== 0) throw new Error(`tshark -r failed (${r.code}): ${r.stderr}`);
  const datagrams: DecodedDatagram[] = [];
  for (const line of r.stdout.toString().split('\n')) {
    if (!line.trim()) continue;
    const [src, forms, longTypes, numbers, frameTypes, expert, malformed, keyPhases] = line.split('\t').map((x) => (x ?? '').split('|').filter((v) => v !== ''));
    const longs = [...longTypes!];
    const packets = forms!.map((form, i) => `${form === '1' ? LONG_TYPES[Number(longs.shift())] : '1RTT'}/${numbers![i]}`);
    datagrams.push({ srcPort: Number(src![0]), packets, frames: frameTypes!.map((t) => frameName(Number(t))), trouble: [...expert!, ...malformed!].join('; '), keyPhases: keyPhases!.map((k) => (k === 'True' || k === '1' ? 1 : 0)) });
  }
  return { datagrams, stderr: r.stderr };
}

describe.skipIf(missing)('tshark decodes our QUIC session with our key log', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    dir = mkdtempSync(join(tmpdir(), 'framescope-tshark-quic-'));
  });
  afterAll(async () => {
    await cleanup?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every packet and frame both ends reported is in the capture, decrypted, in order', async (ctx) => {
    const port = engine.serverStatus().h3Port;
    const pcap = join(dir, 'capture.pcapng');
    const keys = join(dir, 'keys.log');
    let capture: TsharkCapture;
    try {
      capture = await startCapture(port, pcap, 10_000, 'udp');
    } catch (e) {
      const why = `tshark cannot capture on loopback here (needs root or CAP_NET_RAW/CAP_NET_ADMIN for dumpcap): ${(e as Error).message}`;
      console.warn(`skipping: ${why}`);
      return ctx.skip(why);
    }
    try {
      // with a key update, so tshark must follow the Key Phase to the next generation of keys too (RFC 9001 §6)
      const run = await engine.run({ scenario: 'quic-handshake', options: { keyUpdate: true } });
      expect(await run.finished).toEqual({ ok: true });
      await capture.sync();
    } finally {
      await capture.stop();
    }
    // the Keys export: our client's (and our server's) secrets for this session
    const saved = await engine.saveKeylogTo(keys);
    expect(saved.events).toBeGreaterThanOrEqual(4);

    const { datagrams, stderr } = await decodeQuic(pcap, keys);
    expect(datagrams.filter((d) => d.trouble !== '').map((d) => d.trouble), `tshark: ${stderr}`).toEqual([]);
    const conn = engine.currentConnections().find((c) => c.transport === 'udp')!;
    for (const vantage of ['client', 'server'] as const) {
      const fromPort = vantage === 'client' ? conn.client.port : conn.server.port;
      const sent = engine
        .currentEvents()
        .filter((e) => e.name === 'quic:packet_sent' && e.vantage === vantage)
        .map((e) => e.data as QuicPacketData);
      const theirs = datagrams.filter((d) => d.srcPort === fromPort);
      expect(theirs.flatMap((d) => d.packets), `${vantage}: packets`).toEqual(sent.map((p) => `${p.header.packet_type}/${p.header.packet_number}`));
      expect(theirs.flatMap((d) => d.frames), `${vantage}: frames`).toEqual(sent.flatMap((p) => p.frames.map((f) => f.frame_type)));
    }
    // the capture shows the three levels and the frames the lesson is about
    const all = datagrams.flatMap((d) => d.packets.map((p) => p.split('/')[0]));
    expect(new Set(all)).toEqual(new Set(['initial', 'handshake', '1RTT']));
    const frames = new Set(datagrams.flatMap((d) => d.frames));
    for (const f of ['crypto', 'ack', 'padding', 'stream', 'handshake_done', 'new_connection_id', 'connection_close']) expect(frames, f).toContain(f);
    // both ends sent under both key phases, and tshark decrypted those too
    for (const p of [conn.client.port, conn.server.port]) expect(new Set(datagrams.filter((d) => d.srcPort === p).flatMap((d) => d.keyPhases))).toEqual(new Set([0, 1]));
  }, 15_000);
});
