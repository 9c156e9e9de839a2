import { BadRequestException } from '@nestjs/common';

/** Where a stream resumes: the Last-Event-ID header (a reconnect) before the `since` query (the first connect). */
export function resumePoint(lastEventId: string | undefined, since: number | undefined): number | undefined {
  if (lastEventId === undefined || lastEventId === '') return since;
  if (!/^\d{1,15}$/.test(lastEventId.trim())) {
    throw new BadRequestException(
      `Last-Event-ID must be an event id (a whole number >= 0), not "${lastEventId.slice(0, 40)}"`,
    );
  }
  return Number(lastEventId.trim());
}
