import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FakeMediaQueryList } from '../../testing/fake-media-query';
import { MemoryStorage } from '../../testing/fixtures';
import { PREFERS_DARK_QUERY, THEME_STORAGE, ThemeStore } from './theme.store';

describe('ThemeStore', () => {
  let storage: MemoryStorage;
  let system: FakeMediaQueryList;

  beforeEach(() => {
    storage = new MemoryStorage();
    system = new FakeMediaQueryList('(prefers-color-scheme: dark)', false);
    TestBed.configureTestingModule({
      providers: [
        { provide: THEME_STORAGE, useValue: storage },
        { provide: PREFERS_DARK_QUERY, useValue: system },
      ],
    });
  });

  afterEach(() => TestBed.inject(DOCUMENT).documentElement.removeAttribute('data-theme'));

  function start(): { store: ThemeStore; applied: () => string | null } {
    const store = TestBed.inject(ThemeStore);
    const root = TestBed.inject(DOCUMENT).documentElement;
    return {
      store,
      applied: () => {
        TestBed.tick();
        return root.getAttribute('data-theme');
      },
    };
  }

  it('follows the system by default, and again when the system changes', () => {
    system.matches = true;
    const { store, applied } = start();

    expect(store.preference()).toBe('system');
    expect(applied()).toBe('dark');

    system.flip(false);
    expect(applied()).toBe('light');
  });

  it('keeps the owner’s choice in localStorage and applies it, whatever the system says', () => {
    system.matches = true;
    const { store, applied } = start();

    store.set('light');
    expect(storage.getItem('strato.theme')).toBe('light');
    expect(applied()).toBe('light');

    system.flip(false);
    store.set('dark');
    expect(applied()).toBe('dark');
  });

  it('starts from the preference kept', () => {
    storage.setItem('strato.theme', 'dark');
    const { store, applied } = start();

    expect(store.preference()).toBe('dark');
    expect(applied()).toBe('dark');
  });

  it('takes a preference it does not know for the system’s', () => {
    storage.setItem('strato.theme', 'sepia');
    expect(start().store.preference()).toBe('system');
  });

  it('cycles light, dark, system', () => {
    storage.setItem('strato.theme', 'light');
    const { store } = start();
    const seen = [1, 2, 3].map(() => {
      store.cycle();
      return store.preference();
    });

    expect(seen).toEqual(['dark', 'system', 'light']);
    expect(storage.getItem('strato.theme')).toBe('light');
  });

  it('is light where there is no matchMedia', () => {
    TestBed.overrideProvider(PREFERS_DARK_QUERY, { useValue: null });
    expect(start().applied()).toBe('light');
  });
});
