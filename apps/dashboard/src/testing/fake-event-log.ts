import type { CloudEvent } from '@strato/api-client';

const FILTERED_FIELDS = ['pod', 'node', 'type'] as const;

/**
 * The manager's event log behind `GET /api/v1/events`, as its repository answers: filtered by pod,
 * node and one type, older than `before`, newest first, `limit` of them (50 unless told).
 * Use with `manager.on('GET', '/api/v1/events', log.answer)`.
 */
export class FakeEventLog {
  events: CloudEvent[] = [];

  readonly answer = (request: Request): Response => {
    const query = new URL(request.url).searchParams;
    const before = query.get('before');
    const page = this.events
      .filter((event) =>
        FILTERED_FIELDS.every((field) => {
          const wanted = query.get(field);
          return wanted === null || event[field] === wanted;
        }),
      )
      .filter((event) => before === null || event.id < Number(before))
      .sort((a, b) => b.id - a.id)
      .slice(0, Number(query.get('limit') ?? 50));
    return Response.json(page);
  };
}
