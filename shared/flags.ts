/**
 * A small, strict command-line flag parser: `--name value`, `--name=value`, boolean `--flag`, and repeatable
 * `--opt k=v`. Unknown flags and bad numbers are errors with a clear message (CliUsageError).
 */

/** The kind of value a flag takes. */
export type FlagKind = 'number' | 'string' | 'boolean' | 'list';

/** A mistake in how the command was called. */
export class CliUsageError extends Error {
  /** @param message what was wrong, for the person */
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Parsed flags by name, plus the positional arguments in `_`. */
export type ParsedFlags = Record<string, string | number | boolean | string[] | undefined> & { _: string[] };

/** Parses argv against a flag spec. */
export function parseFlags(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>): ParsedFlags {
  const out: ParsedFlags = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') out._.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new CliUsageError(`unknown flag --${name}${Object.keys(spec).length ? ` (flags: ${Object.keys(spec).map((k) => '--' + k).join(' ')})` : ''}`);
    if (kind === 'boolean') {
      out[name] = eq < 0 ? true : arg.slice(eq + 1) !== 'false';
      continue;
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new CliUsageError(`--${name} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliUsageError(`--${name} must be a whole number from 0 to 65535, not "${value}"`);
      out[name] = n;
    } else if (kind === 'list') {
      const list = (out[name] as string[] | undefined) ?? [];
      list.push(value);
      out[name] = list;
    } else {
      out[name] = value;
    }
  }
  return out;
}
