import { TestBed } from '@angular/core/testing';
import { FakeStratoApi } from '../testing/fake-strato-api';
import { aNode, aPod, MemoryStorage } from '../testing/fixtures';
import { StratoApi } from './api/strato-api';
import { App } from './app';
import { BROWSER_STORAGE } from './cloud/owner-token.store';

describe('App', () => {
  let api: FakeStratoApi;
  let storage: MemoryStorage;

  beforeEach(() => {
    api = new FakeStratoApi();
    storage = new MemoryStorage();
    TestBed.configureTestingModule({
      providers: [
        { provide: StratoApi, useValue: api },
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

  it('asks for the owner token when none is stored', async () => {
    const { element } = await render();

    expect(element.querySelector('.notice--warn')?.textContent).toContain('Enter the owner token');
    expect(api.tokensSeen).toEqual([]);
  });

  it('shows the pods as soon as the owner saves a token', async () => {
    api.pods = [aPod({ name: 'light', nodeCounts: { ONLINE: 1 } })];
    api.nodes = [aNode({ name: 'light-1' })];
    const { element, settle } = await render();

    const input = element.querySelector<HTMLInputElement>('#owner-token');
    if (!input) throw new Error('no token input');
    input.value = 's3cret';
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();

    expect(storage.getItem('strato.ownerToken')).toBe('s3cret');
    expect(element.querySelector('.notice--warn')).toBeNull();
    expect(element.querySelectorAll('strato-pod-card')).toHaveLength(1);
    expect(element.querySelector('tbody td')?.textContent).toBe('light-1');
  });
});
