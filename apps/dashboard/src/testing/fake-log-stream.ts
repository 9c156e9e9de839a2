/**
 * The body of a `text/event-stream` answer that a spec writes as the manager would, frame by frame,
 * through the real client and parser. Knows when the client went away.
 */
export class FakeLogStream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly encoder = new TextEncoder();
  closed = false;
  /** The client aborted the request or cancelled the body. */
  abandoned = false;

  /** An answer to `request`, open until `end` or `close`, or until the request's signal aborts. */
  respond(request: Request): Response {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.abandoned = true;
      },
    });
    request.signal.addEventListener('abort', () => {
      this.abandoned = true;
      if (!this.closed) this.controller.error(new DOMException('aborted', 'AbortError'));
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  /** One event, as the manager frames it: `event: <name>` and a JSON `data:` line. */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Lines starting with a colon: what the manager sends to keep an idle connection open. */
  keepAlive(): void {
    this.write(': keep-alive\n\n');
  }

  line(stream: 'stdout' | 'stderr', text: string): void {
    this.send('line', { stream, text });
  }

  /** The `end` event, then the stream closes, as the manager does. */
  end(status: string, attempt: unknown = null): void {
    this.send('end', { status, attempt });
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
  }

  private write(text: string): void {
    if (!this.closed) this.controller.enqueue(this.encoder.encode(text));
  }
}
