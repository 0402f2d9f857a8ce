/**
 * Checks of arguments that come from the renderer (or the CLI) before the engine acts on them. Hosts call these
 * on every call; a bad argument becomes an ApiError('bad_argument') and nothing else happens.
 */
import type { RunRequest, ServerSettingsPatch, SessionUpload } from './api';
import { ApiError } from './errors';
import type { OptionValue, ScenarioInfo } from './scenario-types';

function bad(message: string): never {
  throw new ApiError('bad_argument', message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a run request's shape (not yet its options: see resolveOptions). */
export function validateRunRequest(value: unknown): RunRequest {
  if (!isPlainObject(value)) bad('run needs an object { scenario, target?, options? }');
  const { scenario, target, options, trust } = value;
  if (typeof scenario !== 'string' || scenario.length === 0 || scenario.length > 100) bad('scenario must be a scenario id');
  if (target !== undefined && (typeof target !== 'string' || target.length > 2048)) bad('target must be a URL string');
  if (options !== undefined && !isPlainObject(options)) bad('options must be an object');
  const checked: Record<string, OptionValue> = {};
  for (const [k, v] of Object.entries(options ?? {})) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') bad(`option ${k} must be a string, number or boolean`);
    checked[k] = v;
  }
  let checkedTrust: RunRequest['trust'];
  if (trust !== undefined) {
    if (!isPlainObject(trust)) bad('trust must be { caPem?, insecure?, clientCertPem?, clientKeyPem? }');
    const { caPem, insecure, clientCertPem, clientKeyPem } = trust;
    if (caPem !== undefined && (typeof caPem !== 'string' || !caPem.includes('-----BEGIN CERTIFICATE-----') || caPem.length > 1_000_000)) {
      bad('trust.caPem must be a PEM certificate');
    }
    if (insecure !== undefined && typeof insecure !== 'boolean') bad('trust.insecure must be true or false');
    // mTLS: a client certificate and its private key, both or neither (RFC 8446 §4.4.2)
    if ((clientCertPem === undefined) !== (clientKeyPem === undefined)) bad('trust.clientCertPem and trust.clientKeyPem go together');
    if (clientCertPem !== undefined && (typeof clientCertPem !== 'string' || !clientCertPem.includes('-----BEGIN CERTIFICATE-----') || clientCertPem.length > 1_000_000)) {
      bad('trust.clientCertPem must be a PEM certificate');
    }
    if (clientKeyPem !== undefined && (typeof clientKeyPem !== 'string' || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(clientKeyPem) || clientKeyPem.length > 100_000)) {
      bad('trust.clientKeyPem must be a PEM private key');
    }
    checkedTrust = {
      ...(caPem ? { caPem: caPem as string } : {}),
      ...(insecure ? { insecure: true } : {}),
      ...(clientCertPem ? { clientCertPem: clientCertPem as string, clientKeyPem: clientKeyPem as string } : {}),
    };
  }
  return { scenario, ...(target ? { target } : {}), options: checked, ...(checkedTrust ? { trust: checkedTrust } : {}) };
}

/** Applies a scenario's defaults to the given options and checks each one's type and bounds. */
export function resolveOptions(info: ScenarioInfo, given: Readonly<Record<string, OptionValue>> = {}): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const key of Object.keys(given)) {
    if (!info.options.some((o) => o.key === key)) bad(`${info.id} has no option "${key}" (it has: ${info.options.map((o) => o.key).join(', ') || 'none'})`);
  }
  for (const option of info.options) {
    let value = given[option.key] ?? option.default;
    if (option.type === 'number') {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) bad(`option ${option.key} must be a number`);
      if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) {
        bad(`option ${option.key} must be between ${option.min ?? '-∞'} and ${option.max ?? '∞'}`);
      }
      value = n;
    } else if (option.type === 'boolean') {
      if (value === 'true') value = true;
      else if (value === 'false') value = false;
      if (typeof value !== 'boolean') bad(`option ${option.key} must be true or false`);
    } else {
      if (typeof value !== 'string') bad(`option ${option.key} must be text`);
      if (value.length > 65536) bad(`option ${option.key} is too long`);
    }
    out[option.key] = value;
  }
  return out;
}

/** Validates a change of the server's settings: HTTP/2's against the ranges of RFC 9113 §6.5.2, and client certificates. */
export function validateServerSettings(value: unknown): ServerSettingsPatch {
  if (!isPlainObject(value)) bad('setServerSettings needs an object of settings');
  const ranges: Record<string, [number, number]> = {
    initialWindowSize: [0, 2 ** 31 - 1],
    maxFrameSize: [16_384, 2 ** 24 - 1],
    maxConcurrentStreams: [0, 2 ** 32 - 1],
    headerTableSize: [0, 2 ** 32 - 1],
  };
  const out: Record<string, number | boolean | string> = {};
  const choices: Record<string, readonly string[]> = { clientAuth: ['off', 'request', 'require'], clientCertTrust: ['test-ca', 'any'] };
  for (const [key, v] of Object.entries(value)) {
    const allowed = choices[key];
    if (allowed) {
      if (typeof v !== 'string' || !allowed.includes(v)) bad(`${key} must be ${allowed.join(', ')}`);
      out[key] = v;
      continue;
    }
    if (key === 'enablePush') {
      if (typeof v !== 'boolean') bad('enablePush must be true or false');
      out[key] = v;
      continue;
    }
    const range = ranges[key];
    if (!range) bad(`no server setting "${key}" (settings: ${[...Object.keys(ranges), 'enablePush', ...Object.keys(choices)].join(', ')})`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) bad(`${key} must be a whole number from ${range[0]} to ${range[1]}`);
    out[key] = v;
  }
  return out as ServerSettingsPatch;
}

/** Validates the arguments of eventDetail: a session id and a sequence number. */
export function validateEventRef(sessionId: unknown, seq: unknown): { sessionId: string; seq: number } {
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 100) bad('eventDetail needs a session id');
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) bad('eventDetail needs a sequence number (a whole number from 0)');
  return { sessionId, seq };
}

/** Validates text typed in raw mode. */
export function validateRawText(value: unknown): string {
  if (typeof value !== 'string') bad('sendRaw needs text');
  if (value.length > 1_000_000) bad('raw text over 1 MB');
  return value;
}

/** Validates an uploaded session file. */
export function validateUpload(value: unknown): SessionUpload | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) bad('openSession needs { fileName, base64 }');
  const { fileName, base64 } = value;
  if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 512) bad('fileName must be a file name');
  if (typeof base64 !== 'string') bad('base64 must be the file as base64 text');
  return { fileName, base64 };
}
