import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api';
import type { Engine } from './engine';
import { dispatchCall, isApiMethod, type HostFileHooks } from './host-api';
import { startTestEngine } from './test-support/engine-fixture';

describe('dispatchCall (what main and the web host do with a renderer call)', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  const calls: string[] = [];
  const hooks: HostFileHooks = {
    saveSession: async () => {
      calls.push('save');
      return { fileName: 'x.framescope', events: 0, bytes: 0 };
    },
    openSession: async (upload) => {
      calls.push(`open:${upload?.fileName ?? 'dialog'}`);
      return engine.currentSession();
    },
    saveKeylog: async () => {
      calls.push('keys');
      return { fileName: 'x.keys.log', events: 0, bytes: 0 };
    },
  };
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  it('knows exactly the API methods', () => {
    for (const m of API_METHODS) expect(isApiMethod(m)).toBe(true);
    for (const m of ['subscribe', 'constructor', '__proto__', 'eval', 42]) expect(isApiMethod(m)).toBe(false);
  });

  it('rejects unknown methods and bad arguments with typed errors', async () => {
    await expect(dispatchCall(engine, hooks, 'require', [])).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(dispatchCall(engine, hooks, 'run', [{ scenario: 7 }])).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(dispatchCall(engine, hooks, 'sendRaw', [{}])).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(dispatchCall(engine, hooks, 'openSession', [{ fileName: '', base64: 'x' }])).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(dispatchCall(engine, hooks, 'run', [{ scenario: 'keep-alive', trust: { caPem: 'nope' } }])).rejects.toMatchObject({ code: 'bad_argument' });
  });

  it('passes good calls through, file calls to the host', async () => {
    expect(await dispatchCall(engine, hooks, 'serverStatus', [])).toMatchObject({ running: true });
    expect(await dispatchCall(engine, hooks, 'runState', [])).toMatchObject({ running: false });
    await dispatchCall(engine, hooks, 'saveSession', []);
    await dispatchCall(engine, hooks, 'openSession', [{ fileName: 'a.framescope', base64: '' }]);
    await dispatchCall(engine, hooks, 'openSession', []);
    await dispatchCall(engine, hooks, 'saveKeylog', []);
    expect(calls).toEqual(['save', 'open:a.framescope', 'open:dialog', 'keys']);
  });
});
