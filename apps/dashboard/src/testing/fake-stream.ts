import type { CloudStreamOptions, StreamFrame, StreamState } from '@strato/api-client';

/** One stream the code under test opened: what it asked for, and a way to play the manager's part. */
export class FakeStream {
  closed = false;

  constructor(readonly options: CloudStreamOptions) {}

  frame(frame: StreamFrame): void {
    this.options.onFrame(frame);
  }

  state(state: StreamState): void {
    this.options.onState?.(state);
  }
}

/** Stands in for `openCloudStream`: records each stream opened, newest last. */
export class FakeStreamOpener {
  readonly opened: FakeStream[] = [];

  readonly open = (options: CloudStreamOptions) => {
    const stream = new FakeStream(options);
    this.opened.push(stream);
    return { close: () => (stream.closed = true) };
  };

  get last(): FakeStream {
    const stream = this.opened.at(-1);
    if (!stream) throw new Error('no stream was opened');
    return stream;
  }
}
