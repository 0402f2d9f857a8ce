/**
 * Test support for tshark (PEERS.md): capture loopback traffic of one port into a file, and read HTTP/2 frames
 * back out of a capture with a TLS key log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { runCommand } from './peers';

/** A running capture. */
export interface TsharkCapture {
  readonly child: ChildProcess;
  /** Resolves once every packet sent so far is in the capture (a marker packet went through after them). */
  sync(): Promise<void>;
  /** Stops the capture by PID (SIGINT, so the file is closed properly) and waits for tshark to exit. */
  stop(): Promise<void>;
}

function connectOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      const local = s.localPort ?? 0;
      s.end();
      resolve(local);
    });
    s.once('error', reject);
  });
}

/**
 * Starts `tshark -i lo -f 'tcp port PORT or tcp port MARKER' -l -P -w FILE` (`udp port PORT` for QUIC; -P prints each packet as it is
 * written) and resolves once the capture is live: "Capturing on" alone comes a little before the filter sees
 * packets, so connections to a marker listener of ours are retried until tshark prints one. `sync()` uses the same
 * marker to know that everything before it was captured. Rejects with tshark's own words when it cannot capture
 * (no permission, no loopback interface).
 */
export async function startCapture(port: number, file: string, timeoutMs = 10_000, transport: 'tcp' | 'udp' = 'tcp'): Promise<TsharkCapture> {
  const marker = createServer((s) => s.destroy());
  await new Promise<void>((resolve) => marker.listen(0, '127.0.0.1', resolve));
  const markerPort = (marker.address() as AddressInfo).port;
  const child = spawn('tshark', ['-i', 'lo', '-f', `${transport} port ${port} or tcp port ${markerPort}`, '-l', '-P', '-w', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', (e) => {
    exited = true;
    err += String(e);
  });
  const stop = (): Promise<void> =>
    new Promise<void>((done) => {
      marker.close();
      if (exited || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        done();
        return;
      }
      child.once('exit', () => done());
      process.kill(child.pid, 'SIGINT');
    });
  /** Connects to the marker until tshark prints a packet from that connection's port. */
  const seeMarker = async (): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`tshark exited before capturing: ${err.trim()}`);
      const local = await connectOnce(markerPort);
      for (let i = 0; i < 50; i++) {
        if (new RegExp(`\\b${local}\\b`).test(out)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      if (Date.now() > deadline) throw new Error(`tshark did not capture within ${timeoutMs} ms: ${err.trim()}`);
    }
  };
  try {
    await seeMarker();
  } catch (e) {
    await stop();
    throw e;
  }
  return { child, sync: seeMarker, stop };
}

/** One HTTP/2 frame as tshark decoded it. */
export interface TsharkFrame {
  readonly srcPort: number;
  readonly dstPort: number;
  /** Frame type code (0 DATA, 1 HEADERS, 4 SETTINGS, ...). */
  readonly type: number;
  readonly streamId: number;
  readonly flags: number;
}

/**
 * Decodes a capture with a key log (SSLKEYLOGFILE format) and lists every HTTP/2 frame in wire order, per TCP
 * packet in capture order. The connection preface (tshark's "Magic") is left out: it is not a frame.
 */
export async function readHttp2Frames(capture: string, keylog: string): Promise<{ frames: TsharkFrame[]; stderr: string }> {
  const r = await runCommand('tshark', [
    '-r',
    capture,
    '-o',
    `tls.keylog_file:${keylog}`,
    '-o',
    'tls.desegment_ssl_records:TRUE',
    '-o',
    'tls.desegment_ssl_application_data:TRUE',
    '-Y',
    'http2',
    '-T',
    'fields',
    '-E',
    'separator=/t',
    '-E',
    'aggregator=,',
    '-e',
    'tcp.srcport',
    '-e',
    'tcp.dstport',
    '-e',
    'http2.type',
    '-e',
    'http2.streamid',
    '-e',
    'http2.flags',
  ]);
  if (r.code !== 0) throw new Error(`tshark -r failed (${r.code}): ${r.stderr}`);
  const frames: TsharkFrame[] = [];
  for (const line of r.stdout.toString().split('\n')) {
    if (!line.trim()) continue;
    const [src, dst, types, streams, flags] = line.split('\t');
    const t = (types ?? '').split(',').filter((x) => x !== '');
    const s = (streams ?? '').split(',').filter((x) => x !== '');
    const f = (flags ?? '').split(',').filter((x) => x !== '');
    // a packet can carry the preface (no type) and frames; each frame has type, stream id and flags
    for (let i = 0; i < t.length; i++) {
      frames.push({ srcPort: Number(src), dstPort: Number(dst), type: Number(t[i]), streamId: Number(s[i] ?? 0), flags: Number(f[i] ?? 0) });
    }
  }
  return { frames, stderr: r.stderr };
}
