import type { CloudEvent } from '@strato/api-client';

export function anEvent(overrides: Partial<CloudEvent> & Pick<CloudEvent, 'id'>): CloudEvent {
  return {
    at: '2026-01-01T10:00:00.000Z',
    type: 'NodeOnline',
    pod: 'light',
    node: 'light-1',
    message: `event ${overrides.id}`,
    ...overrides,
  };
}
