/** The byte mutator of the handshake fuzz tests (test support, not used by production code). */

/** One seeded mutation of `input`: bit flips, byte writes, truncation, insertion, duplication, length-field damage. */
export function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  let b = input.slice();
  const rounds = 1 + pick(4);
  for (let i = 0; i < rounds; i++) {
    const at = pick(Math.max(1, b.length));
    switch (pick(7)) {
      case 0:
        b[at] = b[at]! ^ (1 << pick(8));
        break;
      case 1:
        b[at] = pick(256);
        break;
      case 2:
        b = b.slice(0, at);
        break;
      case 3: {
        const extra = Uint8Array.from({ length: 1 + pick(8) }, () => pick(256));
        b = Uint8Array.from([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
        break;
      }
      case 4: {
        const len = pick(16);
        b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at, at + len), ...b.subarray(at)]);
        break;
      }
      case 5: // a length-like field pushed to an extreme
        if (at + 1 < b.length) [b[at], b[at + 1]] = pick(2) ? [0xff, 0xff] : [0, 0];
        break;
      case 6:
        b = b.slice(0, Math.max(0, b.length - 1 - pick(4)));
        break;
    }
  }
  return b;
}

