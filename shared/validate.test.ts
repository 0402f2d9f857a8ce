import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { validateRunRequest, validateServerSettings } from './validate';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n';

describe('mTLS in the validated API', () => {
  it('takes a client certificate and key together, and refuses one without the other or non-PEM text', () => {
    expect(validateRunRequest({ scenario: 'mtls', trust: { clientCertPem: PEM, clientKeyPem: KEY } }).trust).toEqual({ clientCertPem: PEM, clientKeyPem: KEY });
    expect(() => validateRunRequest({ scenario: 'mtls', trust: { clientCertPem: PEM } })).toThrow(ApiError);
    expect(() => validateRunRequest({ scenario: 'mtls', trust: { clientCertPem: PEM, clientKeyPem: 'secret' } })).toThrow(/PEM private key/);
    expect(() => validateRunRequest({ scenario: 'mtls', trust: { clientCertPem: 'x', clientKeyPem: KEY } })).toThrow(/PEM certificate/);
  });

  it('accepts the client-certificate server settings beside the HTTP/2 ones, and only their known values', () => {
    expect(validateServerSettings({ clientAuth: 'require', clientCertTrust: 'any', initialWindowSize: 100 })).toEqual({ clientAuth: 'require', clientCertTrust: 'any', initialWindowSize: 100 });
    expect(() => validateServerSettings({ clientAuth: 'always' })).toThrow(/off, request, require/);
    expect(() => validateServerSettings({ clientCertTrust: true })).toThrow(/test-ca, any/);
  });
});
