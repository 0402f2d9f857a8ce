/**
 * Raw mode's telnet-like console: type request bytes and send them on the open connection. Enter sends the
 * text with a CRLF line end (Shift+Enter starts a new line without sending); every line end goes out as CRLF.
 */
import { useState, type KeyboardEvent } from 'react';
import { getApi } from '../../api';
import { useStore } from '../../store';
import { reportError } from '../../store/bridge';

const EXAMPLE = 'GET / HTTP/1.1\nHost: localhost\n';

/** Text with every line end as CRLF. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The raw request console. */
export function RawConsole() {
  const text = useStore((s) => s.rawText);
  const setText = useStore((s) => s.setRawText);
  const running = useStore((s) => s.run.running);
  const [sending, setSending] = useState(false);

  const send = async (payload: string) => {
    setSending(true);
    try {
      await getApi().sendRaw(payload);
      setText('');
    } catch (error) {
      reportError('Could not send', error);
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void send(toCrlf(text) + '\r\n');
  };

  return (
    <section className="raw-console" data-testid="raw-console">
      <h4>Type bytes</h4>
      <p className="field-help">
        Enter sends the text and a CRLF; Shift+Enter adds a line without sending. An empty line (Enter on an empty box)
        ends the request head. {running ? '' : 'Run the lesson first to open the connection.'}
      </p>
      <textarea
        value={text}
        rows={5}
        spellCheck={false}
        placeholder={'GET / HTTP/1.1\nHost: localhost'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="raw-input"
      />
      <div className="run-controls">
        <button type="button" onClick={() => void send(toCrlf(text))} disabled={sending || text === ''} data-testid="raw-send">
          Send
        </button>
        <button type="button" onClick={() => setText(EXAMPLE)} disabled={sending}>
          Example
        </button>
      </div>
    </section>
  );
}
