import type { Provider } from '@angular/core';
import { FETCH } from '../app/api/strato-api';
import { STREAM_OPENER } from '../app/cloud/live-connection';
import { BROWSER_STORAGE } from '../app/cloud/owner-token.store';
import type { FakeManager } from './fake-manager';
import type { FakeStreamOpener } from './fake-stream';
import { MemoryStorage } from './fixtures';

/**
 * The providers of a spec that renders with the real API services and generated client over
 * `manager`, the live stream played by `streams`, and the owner token already stored.
 */
export function signedIn(manager: FakeManager, streams: FakeStreamOpener): Provider[] {
  const storage = new MemoryStorage();
  storage.setItem('strato.ownerToken', manager.token);
  return [
    { provide: FETCH, useValue: manager.fetch },
    { provide: BROWSER_STORAGE, useValue: storage },
    { provide: STREAM_OPENER, useValue: streams.open },
  ];
}
