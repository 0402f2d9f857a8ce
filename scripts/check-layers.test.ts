import { describe, expect, it } from 'vitest';
import { checkFile, importsOf } from './check-layers';

describe('layer rules', () => {
  const root = '/repo';
  it('finds static, re-export and dynamic imports', () => {
    expect(importsOf(`import a from './a';\nexport { b } from "../b";\nconst c = await import('./c');\nimport './side';`)).toEqual(['./a', '../b', './c', './side']);
  });
  it('flags imports that cross the layers', () => {
    expect(checkFile(root, '/repo/shared/x.ts', "import { readFile } from 'node:fs';")).toHaveLength(1);
    expect(checkFile(root, '/repo/renderer/src/a.ts', "import { Engine } from '../../electron/engine/engine';")).toHaveLength(1);
    expect(checkFile(root, '/repo/electron/engine/a.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(checkFile(root, '/repo/electron/engine/a.ts', "import x from '../main/index';")).toHaveLength(1);
    expect(checkFile(root, '/repo/electron/engine/protocols/quic/a.ts', "import x from '../http3/b';")).toHaveLength(1);
    expect(checkFile(root, '/repo/electron/engine/protocols/http2/hpack/a.ts', "import x from '../frames/b';")).toHaveLength(1);
  });
  it('lets tests (only tests) read the copied vectors', () => {
    expect(checkFile(root, '/repo/electron/engine/protocols/tls13/k.test.ts', "import v from '../../../../test-vectors/x.json';")).toEqual([]);
    expect(checkFile(root, '/repo/electron/engine/protocols/tls13/k.ts', "import v from '../../../../test-vectors/x.json';")).toHaveLength(1);
  });
  it('accepts imports that follow them', () => {
    expect(checkFile(root, '/repo/renderer/src/a.ts', "import { toHex } from '../../shared/bytes';")).toEqual([]);
    expect(checkFile(root, '/repo/electron/main/index.ts', "import { app } from 'electron';\nimport { Engine } from '../engine/engine';")).toEqual([]);
    expect(checkFile(root, '/repo/electron/engine/protocols/http3/a.ts', "import x from '../quic/b';")).toEqual([]);
    expect(checkFile(root, '/repo/electron/engine/protocols/http2/a.ts', "import x from './hpack';")).toEqual([]);
  });
});
