/**
 * The headless command line (`framescope`, or `npm run cli -- ARGS` in the repo):
 *
 *   framescope list                         the lessons and their options
 *   framescope run <scenario> [--print] [--out FILE] [--keylog FILE] [--target URL] [--cacert PEM | --insecure]
 *                  [--cert PEM --key PEM] [--opt key=value]... [--script FILE]
 *                  (--cert/--key: a client certificate for mTLS; --script: the frame-script lesson's frames, from a file)
 *   framescope show FILE [--json]           print a saved session (--json: one line per record, as in the file)
 *   framescope serve [--tls-port N] [--clear-port N] [--client-auth off|request|require] [--client-cert-trust test-ca|any]
 *                                           the embedded server alone, for curl, nghttp or a browser
 *
 * `run` exits non-zero when the scenario fails.
 */
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../shared/errors';
import { SCENARIOS } from '../../shared/scenarios';
import { defaultDataDir } from '../engine/data-dir';
import { Engine } from '../engine/engine';
import { readSession } from '../engine/session/reader';
import { CliUsageError, parseFlags } from '../../shared/flags';
import { validateServerSettings } from '../../shared/validate';
import { formatEvent } from './print';

const USAGE = `usage:
  framescope list
  framescope run <scenario> [--print] [--out FILE] [--keylog FILE] [--target URL] [--cacert PEM | --insecure]
                 [--cert PEM --key PEM] [--opt key=value]... [--script FILE]
  framescope show FILE [--json]
  framescope serve [--tls-port N] [--clear-port N] [--data DIR] [--client-auth off|request|require] [--client-cert-trust test-ca|any]`;

function parseOpts(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CliUsageError(`--opt takes key=value, not "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { print: 'boolean', out: 'string', target: 'string', opt: 'list', data: 'string', json: 'boolean', cacert: 'string', insecure: 'boolean', keylog: 'string', script: 'string', cert: 'string', key: 'string' });
  const scenario = flags._[0];
  if (!scenario) throw new CliUsageError(`run needs a scenario: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const engine = new Engine({ dataDir: (flags['data'] as string | undefined) ?? defaultDataDir(), tlsPort: 0, clearPort: 0 });
  await engine.start();
  let printed = 0;
  const print = (): void => {
    const events = engine.currentEvents();
    for (; printed < events.length; printed++) {
      const e = events[printed]!;
      console.log(flags['json'] ? JSON.stringify(e) : formatEvent(e));
    }
  };
  try {
    const trust = {
      ...(flags['cacert'] ? { caPem: await readFile(flags['cacert'] as string, 'utf8') } : {}),
      ...(flags['insecure'] ? { insecure: true } : {}),
      ...(await clientCertificate(flags['cert'] as string | undefined, flags['key'] as string | undefined)),
    };
    const options: Record<string, string> = parseOpts(flags['opt'] as string[] | undefined);
    if (flags['script']) options['script'] = await readFile(flags['script'] as string, 'utf8');
    const started = await engine.run({ scenario, ...(flags['target'] ? { target: flags['target'] } : {}), options, trust });
    const unsubscribe = flags['print'] ? engine.subscribe((m) => m.kind === 'batch' && print()) : () => undefined;
    const result = await started.finished;
    await new Promise((r) => setTimeout(r, 50)); // let the server's last events (its close) arrive
    if (flags['print']) print();
    unsubscribe();
    if (flags['keylog']) {
      const keys = await engine.saveKeylogTo(flags['keylog'] as string);
      console.error(`saved ${keys.events} TLS secrets to ${keys.path}`);
    }
    if (flags['out']) {
      const saved = await engine.saveSessionTo(flags['out'] as string);
      console.error(`saved ${saved.events} events (${saved.bytes} bytes) to ${saved.path}`);
    }
    if (!result?.ok) {
      console.error(`${scenario} failed: ${result?.error ?? 'unknown error'}`);
      return 1;
    }
    console.error(`${scenario}: ok, ${engine.currentEvents().length} events`);
    return 0;
  } finally {
    await engine.dispose();
  }
}

/** The --cert/--key pair (mTLS), read from their files; both or neither. */
async function clientCertificate(cert: string | undefined, key: string | undefined): Promise<{ clientCertPem?: string; clientKeyPem?: string }> {
  if (!cert && !key) return {};
  if (!cert || !key) throw new CliUsageError('--cert and --key go together');
  return { clientCertPem: await readFile(cert, 'utf8'), clientKeyPem: await readFile(key, 'utf8') };
}

async function show(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { json: 'boolean' });
  const file = flags._[0];
  if (!file) throw new CliUsageError('show needs a session file');
  const loaded = await readSession(file);
  if (flags['json']) {
    console.log(JSON.stringify(loaded.header));
    for (const c of loaded.connections) console.log(JSON.stringify({ connection: c }));
    for (const e of loaded.events) console.log(JSON.stringify(e));
  } else {
    console.log(`# ${loaded.header.scenario ?? 'session'} · started ${loaded.header.startedAt} · app ${loaded.header.appVersion} · ${loaded.events.length} events`);
    for (const c of loaded.connections) {
      console.log(`# conn ${c.id}: ${c.label} · ${c.protocol}${c.alpn ? ` (ALPN ${c.alpn})` : ''}${c.tlsVersion ? ` · ${c.tlsVersion} ${c.cipher ?? ''}` : ''}`);
    }
    for (const e of loaded.events) console.log(formatEvent(e));
  }
  if (loaded.warning) console.error(`warning: ${loaded.warning}`);
  return 0;
}

async function serve(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { 'tls-port': 'number', 'clear-port': 'number', port: 'number', data: 'string', print: 'boolean', 'client-auth': 'string', 'client-cert-trust': 'string' });
  const engine = new Engine({
    dataDir: (flags['data'] as string | undefined) ?? defaultDataDir(),
    tlsPort: (flags['tls-port'] as number | undefined) ?? (flags['port'] as number | undefined) ?? 8443,
    clearPort: (flags['clear-port'] as number | undefined) ?? 8080,
  });
  let status = await engine.start();
  if (flags['client-auth'] || flags['client-cert-trust']) {
    status = engine.setServerSettings(validateServerSettings({ ...(flags['client-auth'] ? { clientAuth: flags['client-auth'] } : {}), ...(flags['client-cert-trust'] ? { clientCertTrust: flags['client-cert-trust'] } : {}) }));
  }
  console.log(`https://localhost:${status.tlsPort}/  (TLS; ALPN ${status.alpn.join(', ')})`);
  console.log(`http://127.0.0.1:${status.clearPort}/  (cleartext)`);
  console.log(`certificate: ${status.certPath}`);
  console.log(`SPKI pin (sha256/base64): ${status.certPin}`);
  if (status.clientAuth && status.clientAuth.mode !== 'off') {
    console.log(`client certificates: ${status.clientAuth.mode} (trust: ${status.clientAuth.trust}); one the test CA issued: --cert ${status.clientCertPath} --key ${status.clientKeyPath}`);
  }
  if (flags['print']) {
    let printed = 0;
    engine.subscribe((m) => {
      if (m.kind !== 'batch') return;
      const events = engine.currentEvents();
      for (; printed < events.length; printed++) console.log(formatEvent(events[printed]!));
    });
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await engine.dispose();
  return 0;
}

/** Runs the CLI with these arguments; resolves with the exit code. */
export async function cli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'list':
        for (const s of SCENARIOS) console.log(`${s.id.padEnd(18)} ${s.summary}  [options: ${s.options.map((o) => `${o.key}=${String(o.default).replace(/\n/g, '\\n')}`).join(' ')}]`);
        return 0;
      case 'run':
        return await run(rest);
      case 'show':
        return await show(rest);
      case 'serve':
        return await serve(rest);
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliUsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof CliUsageError) {
      console.error(`framescope: ${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ApiError) {
      console.error(`framescope: ${err.message}`);
      return 1;
    }
    console.error(`framescope: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}

if (process.argv[1] && /cli[\\/]main\.(ts|js|mjs)$/.test(process.argv[1])) {
  void cli(process.argv.slice(2)).then((code) => process.exit(code));
}
