/**
 * Fails when an import crosses the layers of ARCHITECTURE.md:
 *   renderer -> shared; main, preload, web, cli -> engine, shared; engine -> shared;
 *   shared imports no node:*, electron, react or DOM-only modules; only main and preload import electron;
 *   inside engine/protocols only downward: http3 -> quic -> tls13; http2 -> hpack (hpack imports no http2);
 *   hpack and qpack -> huffman (RFC 7541's code, which RFC 9204 uses unmodified).
 * Usage: tsx scripts/check-layers.ts  (prints each violation; exit 1 when there is one)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file's layer, from its path relative to the repo root. */
export function layerOf(path: string): string | null {
  const p = path.split(sep).join('/');
  if (p.startsWith('shared/')) return 'shared';
  if (p.startsWith('renderer/src/')) return 'renderer';
  const m = /^electron\/(engine|main|preload|web|cli)\//.exec(p);
  if (m) return m[1]!;
  return null;
}

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  engine: ['engine', 'shared'],
  main: ['main', 'engine', 'shared'],
  preload: ['preload', 'shared'],
  web: ['web', 'engine', 'shared'],
  cli: ['cli', 'engine', 'shared'],
};

const PROTOCOL_DEPS: Readonly<Record<string, readonly string[]>> = {
  http1: ['http1'],
  http2: ['http2', 'hpack'],
  hpack: ['hpack', 'huffman'],
  huffman: ['huffman'],
  tls13: ['tls13'],
  quic: ['quic', 'tls13'],
  http3: ['http3', 'qpack', 'quic', 'tls13'],
  qpack: ['qpack', 'huffman'],
};

function protocolOf(path: string): string | null {
  const p = path.split(sep).join('/');
  const m = /^electron\/engine\/protocols\/([^/]+)\/(?:(hpack|qpack)\/)?/.exec(p);
  if (!m) return null;
  return m[2] ?? m[1]!;
}

/** The import specifiers of a source text (static imports, exports from, dynamic imports). */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** Violations of one file: human-readable lines. */
export function checkFile(root: string, file: string, source: string): string[] {
  const rel = relative(root, file);
  const layer = layerOf(rel);
  if (!layer) return [];
  const problems: string[] = [];
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = relative(root, resolve(dirname(file), spec));
      const targetLayer = layerOf(target) ?? (target.startsWith('renderer') ? 'renderer' : target.split(sep)[0]!);
      const testReadsVectors = targetLayer === 'test-vectors' && /\.test\.tsx?$/.test(rel);
      if (!testReadsVectors && !(ALLOWED[layer] ?? []).includes(targetLayer)) problems.push(`${rel}: ${layer} must not import ${targetLayer} (${spec})`);
      const from = protocolOf(rel);
      const to = protocolOf(target);
      if (from && to && !(PROTOCOL_DEPS[from] ?? [from]).includes(to)) problems.push(`${rel}: protocols/${from} must not import protocols/${to} (${spec})`);
      continue;
    }
    if (spec === 'electron' && layer !== 'main' && layer !== 'preload') problems.push(`${rel}: only main and preload import electron`);
    if (layer === 'shared' && (spec.startsWith('node:') || ['react', 'react-dom', 'zustand', 'electron', 'ws'].includes(spec))) {
      problems.push(`${rel}: shared/ is pure TypeScript and must not import ${spec}`);
    }
    if (layer === 'renderer' && spec.startsWith('node:')) problems.push(`${rel}: the renderer must not import ${spec}`);
  }
  return problems;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts)$/.test(name)) out.push(p);
  }
}

/** Checks the whole repo; returns every violation. */
export function checkRepo(root: string): string[] {
  const files: string[] = [];
  for (const top of ['shared', 'renderer/src', 'electron']) {
    try {
      walk(join(root, top), files);
    } catch {
      // folder absent
    }
  }
  return files.flatMap((f) => checkFile(root, f, readFileSync(f, 'utf8')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkRepo(root);
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? 'layers: ok' : `layers: ${problems.length} violation(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
