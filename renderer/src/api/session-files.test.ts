import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './session-files';

describe('fileNameFromDisposition', () => {
  it('reads quoted, plain and RFC 5987 file names', () => {
    expect(fileNameFromDisposition('attachment; filename="chunked-response-2026.framescope"')).toBe('chunked-response-2026.framescope');
    expect(fileNameFromDisposition('attachment; filename=a.framescope')).toBe('a.framescope');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''le%20cours.framescope")).toBe('le cours.framescope');
  });

  it('falls back when there is no usable name', () => {
    expect(fileNameFromDisposition(null)).toBe('session.framescope');
    expect(fileNameFromDisposition('attachment')).toBe('session.framescope');
    expect(fileNameFromDisposition('attachment; filename="../../etc/x"')).toBe('.._.._etc_x');
  });
});
