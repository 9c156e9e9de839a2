import { TestBed } from '@angular/core/testing';
import { FakeManager, houseError } from '../testing/fake-manager';
import { aNode, aPod, MemoryStorage } from '../testing/fixtures';
import { FETCH } from './api/strato-api';
import { App } from './app';
import { BROWSER_STORAGE } from './cloud/owner-token.store';

// The real StratoApi and generated client, over a fake manager behind `fetch`.
describe('App', () => {
  let manager: FakeManager;
  let storage: MemoryStorage;

  beforeEach(() => {
    manager = new FakeManager();
    storage = new MemoryStorage();
    TestBed.configureTestingModule({
      providers: [
        { provide: FETCH, useValue: manager.fetch },
        { provide: BROWSER_STORAGE, useValue: storage },
      ],
    });
  });

  async function render(): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    const fixture = TestBed.createComponent(App);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    await settle();
    return { element: fixture.nativeElement as HTMLElement, settle };
  }

  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const bearers = (): (string | null)[] =>
    manager.requests.map((request) => request.headers.get('Authorization'));

  it('asks for the owner token when none is stored', async () => {
    const { element } = await render();

    expect(text(element.querySelector('.notice--warn'))).toContain('Enter the owner token');
    expect(manager.requests).toEqual([]);
  });

  it('shows the pods as soon as the owner saves a token, sent as a bearer token', async () => {
    manager.pods = [aPod({ name: 'light', nodeCounts: { ONLINE: 1 } })];
    manager.nodes = [aNode({ name: 'light-1' })];
    const { element, settle } = await render();

    const input = element.querySelector<HTMLInputElement>('#owner-token');
    if (!input) throw new Error('no token input');
    input.value = 's3cret';
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();

    expect(storage.getItem('strato.ownerToken')).toBe('s3cret');
    expect(bearers()).toEqual(['Bearer s3cret', 'Bearer s3cret']);
    expect(element.querySelector('.notice--warn')).toBeNull();
    expect(element.querySelectorAll('strato-pod-card')).toHaveLength(1);
    expect(text(element.querySelector('tbody td'))).toBe('light-1');
  });

  it('asks for the token again when the manager refuses the stored one', async () => {
    storage.setItem('strato.ownerToken', 'stale');
    manager.pods = [aPod()];
    const { element } = await render();

    expect(bearers()).toContain('Bearer stale');
    expect(text(element.querySelector('.notice--warn'))).toContain('Enter the owner token');
    expect(element.querySelector('.notice--error')).toBeNull();
    expect(element.querySelector('strato-pod-card')).toBeNull();
  });

  it('shows the status and the manager’s message when it answers with an error', async () => {
    storage.setItem('strato.ownerToken', 's3cret');
    manager.failure = houseError(503, 'Service Unavailable', 'the store is locked');
    const { element } = await render();

    expect(text(element.querySelector('.notice--error'))).toBe(
      'Cannot read the cloud: the manager answered 503: the store is locked. Retrying every 2 s.',
    );
    expect(element.querySelector('.notice--warn')).toBeNull();
  });
});
