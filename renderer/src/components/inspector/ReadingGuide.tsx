/**
 * What the inspector shows before an event is selected: how to read the event list.
 */

/** A short legend of the list's colours and arrows. */
export function ReadingGuide() {
  return (
    <div className="reading-guide" data-testid="reading-guide">
      <p>Select an event in the list to see what it means, its decoded fields and its bytes. Use ↑ and ↓ to move.</p>
      <h3>Reading the list</h3>
      <dl className="guide">
        <dt>
          <span className="badge client">client</span>
        </dt>
        <dd>Seen by Framescope’s own client, which sends the requests.</dd>
        <dt>
          <span className="badge server">server</span>
        </dt>
        <dd>Seen by the server. With the embedded server you see both ends, so each message appears twice: sent by one side, received by the other.</dd>
        <dt>→ sent</dt>
        <dd>Bytes this side wrote to the connection.</dd>
        <dt>← received</dt>
        <dd>Bytes this side read from the connection.</dd>
        <dt>time (ms)</dt>
        <dd>Milliseconds since the session started, on one clock shared by both ends.</dd>
        <dt>stream</dt>
        <dd>For HTTP/1.1, which request/response exchange on the connection (1, 2, …); for HTTP/2, the stream id.</dd>
      </dl>
    </div>
  );
}
