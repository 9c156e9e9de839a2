import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FakeMediaQueryList } from '../../testing/fake-media-query';
import { MemoryStorage } from '../../testing/fixtures';
import { ThemeToggle } from './theme-toggle';
import { PREFERS_DARK_QUERY, THEME_STORAGE } from './theme.store';

describe('ThemeToggle', () => {
  afterEach(() => TestBed.inject(DOCUMENT).documentElement.removeAttribute('data-theme'));

  it('names the theme chosen and moves to the next one when pressed', async () => {
    const storage = new MemoryStorage();
    storage.setItem('strato.theme', 'system');
    TestBed.configureTestingModule({
      providers: [
        { provide: THEME_STORAGE, useValue: storage },
        {
          provide: PREFERS_DARK_QUERY,
          useValue: new FakeMediaQueryList('(prefers-color-scheme: dark)', false),
        },
      ],
    });
    const fixture = TestBed.createComponent(ThemeToggle);
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector('button');
    const root = TestBed.inject(DOCUMENT).documentElement;
    expect(button?.getAttribute('aria-label')).toBe('Theme: system');

    button?.click();
    await fixture.whenStable();
    expect(button?.getAttribute('aria-label')).toBe('Theme: light');

    button?.click();
    await fixture.whenStable();
    expect(button?.getAttribute('aria-label')).toBe('Theme: dark');
    expect(root.getAttribute('data-theme')).toBe('dark');
    expect(storage.getItem('strato.theme')).toBe('dark');
  });
});
