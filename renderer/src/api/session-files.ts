/**
 * Browser side of saving and opening session files in the web host: a download of the current session and
 * a hidden file picker. Electron does both with native dialogs in the main process instead.
 */
import type { SaveResult, SessionUpload } from '../../../shared/api';
import { toBase64 } from '../../../shared/bytes';
import { ApiError, toApiError } from '../../../shared/errors';
import { SESSION_EXTENSION } from '../../../shared/session-format';

const FALLBACK_NAME = `session${SESSION_EXTENSION}`;

/** The file name of a Content-Disposition header (RFC 6266), or a fallback. */
export function fileNameFromDisposition(header: string | null, fallback = FALLBACK_NAME): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return sanitize(decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))) || fallback;
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain?.[1]?.trim();
  return (name && sanitize(name)) || fallback;
}

function sanitize(name: string): string {
  return name.replace(/[/\\]/g, '_').trim();
}

/** Fetches `path` and hands the body to the browser as a download; resolves with the blob and its file name. */
async function downloadFile(path: string, what: string, fallbackName: string): Promise<{ blob: Blob; fileName: string; response: Response }> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store' });
  } catch (error) {
    throw new ApiError('io', `Could not download the ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { blob, fileName, response };
}

/** Downloads the current session from `path` and saves it through an anchor download. */
export async function downloadSession(path: string): Promise<SaveResult> {
  const { blob, fileName, response } = await downloadFile(path, 'session', FALLBACK_NAME);
  const header = Number(response.headers.get('X-Framescope-Events'));
  const events = Number.isFinite(header) && header >= 0 ? header : await countEvents(blob);
  return { fileName, events, bytes: blob.size };
}

/** Downloads the TLS key log (SSLKEYLOGFILE form); `events` counts its key lines. */
export async function downloadKeylog(path: string): Promise<SaveResult> {
  const { blob, fileName } = await downloadFile(path, 'key log', 'framescope.keys.log');
  const lines = (await blob.text()).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
  return { fileName, events: lines, bytes: blob.size };
}

/** Reads an error reply: JSON ApiErrorData when the host sent it, else the status text. */
async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    return toApiError(JSON.parse(text));
  } catch {
    return new ApiError('io', `Could not download the session: ${response.status} ${text || response.statusText}`.trim());
  }
}

/** Counts the event lines of a gzipped session (lines after the header that are not connection records). */
async function countEvents(blob: Blob): Promise<number> {
  try {
    const stream = blob.stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream());
    const reader = stream.getReader();
    let lines = 0;
    let carry = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const parts = (carry + value).split('\n');
      carry = parts.pop() ?? '';
      for (const line of parts) if (line && !line.startsWith('{"connection"')) lines++;
    }
    if (carry && !carry.startsWith('{"connection"')) lines++;
    return Math.max(0, lines - 1);
  } catch {
    return 0;
  }
}

/**
 * Lets the person pick a `.framescope` file with a hidden file input and reads it as an upload. Rejects with
 * ApiError 'cancelled' when the picker is closed without a file.
 */
export function pickSessionFile(): Promise<SessionUpload> {
  return new Promise((resolve, reject) => {
    document.querySelectorAll('input[data-testid="open-file-input"]').forEach((old) => old.remove());
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = SESSION_EXTENSION;
    input.hidden = true;
    input.dataset.testid = 'open-file-input';
    document.body.appendChild(input);
    const done = () => input.remove();
    input.addEventListener('cancel', () => {
      done();
      reject(new ApiError('cancelled', 'No file was chosen.'));
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done();
      if (!file) {
        reject(new ApiError('cancelled', 'No file was chosen.'));
        return;
      }
      file
        .arrayBuffer()
        .then((buffer) => resolve({ fileName: file.name, base64: toBase64(new Uint8Array(buffer)) }))
        .catch((error: unknown) => reject(new ApiError('io', `Could not read ${file.name}: ${String(error)}`)));
    });
    input.click();
  });
}
