import { describe, expect, it } from 'vitest';
import { ALT_SVC_DEFAULT_MAX_AGE, findH3, parseAltSvc } from './alt-svc';

describe('parseAltSvc (RFC 7838 §3)', () => {
  it('reads what the embedded server sends: h3 on a port of the same host', () => {
    const p = parseAltSvc('h3=":8443"; ma=86400');
    expect(p).toEqual({ clear: false, errors: [], services: [{ protocolId: 'h3', host: '', port: 8443, maxAge: 86400, persist: false, params: { ma: '86400' } }] });
    expect(findH3(p)?.port).toBe(8443);
  });

  it('the examples of §3: several alternatives, hosts, persist, percent-encoded ids', () => {
    const p = parseAltSvc('h2="alt.example.com:8000", h2=":443"; ma=2592000; persist=1, w%3D%3D="x:1"');
    expect(p.errors).toEqual([]);
    expect(p.services.map((s) => [s.protocolId, s.host, s.port, s.maxAge, s.persist])).toEqual([
      ['h2', 'alt.example.com', 8000, ALT_SVC_DEFAULT_MAX_AGE, false],
      ['h2', '', 443, 2592000, true],
      ['w==', 'x', 1, ALT_SVC_DEFAULT_MAX_AGE, false],
    ]);
    expect(findH3(p)).toBeUndefined();
  });

  it('clear', () => {
    expect(parseAltSvc('clear')).toEqual({ clear: true, services: [], errors: [] });
  });

  it('IPv6 literals, quoted parameter values, commas inside quotes, unknown parameters kept', () => {
    const p = parseAltSvc('h3="[::1]:443"; foo="a,b"; MA=60, h3-29=":9"');
    expect(p.services[0]).toMatchObject({ host: '::1', port: 443, maxAge: 60, params: { foo: 'a,b', ma: '60' } });
    expect(p.services[1]).toMatchObject({ protocolId: 'h3-29', port: 9 });
  });

  it('leaves out what does not parse and keeps the rest', () => {
    const p = parseAltSvc('h3=:443, h3=":0", h3="host", =":1", h3=":70000", h3=":443"; ma, h2=":8443"; ma=soon, h3=":443"');
    expect(p.services).toEqual([
      { protocolId: 'h2', host: '', port: 8443, maxAge: ALT_SVC_DEFAULT_MAX_AGE, persist: false, params: { ma: 'soon' } },
      { protocolId: 'h3', host: '', port: 443, maxAge: ALT_SVC_DEFAULT_MAX_AGE, persist: false, params: {} },
    ]);
    expect(p.errors).toHaveLength(6);
    expect(p.errors[0]).toMatch(/quoted string/);
  });

  it('never throws on junk', () => {
    for (const junk of ['', ',', ';', '"', 'h3="', 'h3=":1";;;', '%=":1"', 'a="b:1"; c="', '\\']) expect(() => parseAltSvc(junk)).not.toThrow();
    expect(parseAltSvc('%zz=":1"').errors[0]).toMatch(/percent/);
  });
});
