import type { components } from '@strato/api-client';
import type { BatchJobStatus } from '@strato/contracts';
import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream';

export type JobLogLine = components['schemas']['JobLogLineDto'];

/** How an attempt ended, as the follow stream's `end` event tells it. */
export interface AttemptEnd {
  readonly number: number;
  readonly node: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly reason: string | null;
}

/**
 * The events of `GET /api/v1/jobs/{id}/logs?follow=true` (its OpenAPI description; the document types
 * the body as a plain string): each attempt as it starts, each line, the end, or a failure told in the
 * stream once its headers were sent.
 */
export type JobLogEvent =
  | { readonly type: 'attempt'; readonly attempt: number; readonly node: string }
  | { readonly type: 'line'; readonly line: JobLogLine }
  | { readonly type: 'end'; readonly status: BatchJobStatus; readonly attempt: AttemptEnd | null }
  | { readonly type: 'error'; readonly message: string };

/** The follow stream's events as they arrive; cancels the body when the reader stops early. */
export async function* readJobLogEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<JobLogEvent> {
  // The DOM typings give the decoder's writable side BufferSource chunks, which pipeThrough will not
  // match with a Uint8Array stream, though every Uint8Array is one.
  const decoder = new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>;
  const reader = body.pipeThrough(decoder).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const event = toJobLogEvent(value);
      if (event) yield event;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function toJobLogEvent(message: EventSourceMessage): JobLogEvent | null {
  const data: unknown = JSON.parse(message.data);
  switch (message.event) {
    case 'line':
      return { type: 'line', line: data as JobLogLine };
    case 'attempt':
      return { type: 'attempt', ...(data as { attempt: number; node: string }) };
    case 'end':
      return { type: 'end', ...(data as { status: BatchJobStatus; attempt: AttemptEnd | null }) };
    case 'error':
      return { type: 'error', message: (data as { message: string }).message };
    default:
      return null;
  }
}
