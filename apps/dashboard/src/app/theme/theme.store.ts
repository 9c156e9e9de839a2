import {
  DOCUMENT,
  DestroyRef,
  Injectable,
  InjectionToken,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';

export type ThemePreference = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

const THEME_PREFERENCES: readonly ThemePreference[] = ['light', 'dark', 'system'];
const STORAGE_KEY = 'strato.theme';

/** Where the preference is kept: localStorage, as it is a liking and no secret, for every session. */
export const THEME_STORAGE = new InjectionToken<Storage>('THEME_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});

/** Whether the system asks for dark; null where there is no `matchMedia` (jsdom). */
export const PREFERS_DARK_QUERY = new InjectionToken<MediaQueryList | null>('PREFERS_DARK_QUERY', {
  providedIn: 'root',
  factory: () => inject(DOCUMENT).defaultView?.matchMedia?.('(prefers-color-scheme: dark)') ?? null,
});

/**
 * The owner's theme, light, dark or the system's, set as `data-theme` on `<html>` (always the theme in
 * effect, so CSS needs no media query once this has run; styles.css has one for the first paint).
 */
@Injectable({ providedIn: 'root' })
export class ThemeStore {
  private readonly storage = inject(THEME_STORAGE);
  private readonly chosen = signal(parsePreference(this.storage.getItem(STORAGE_KEY)));
  private readonly systemDark = signal(false);

  readonly preference = this.chosen.asReadonly();
  readonly theme = computed<Theme>(() => {
    const preference = this.chosen();
    return preference === 'system' ? (this.systemDark() ? 'dark' : 'light') : preference;
  });

  constructor() {
    this.followSystem();
    const root = inject(DOCUMENT).documentElement;
    effect(() => root.setAttribute('data-theme', this.theme()));
  }

  set(preference: ThemePreference): void {
    this.storage.setItem(STORAGE_KEY, preference);
    this.chosen.set(preference);
  }

  /** Light, then dark, then the system's, then light again. */
  cycle(): void {
    const next = THEME_PREFERENCES[(THEME_PREFERENCES.indexOf(this.chosen()) + 1) % THEME_PREFERENCES.length];
    this.set(next);
  }

  private followSystem(): void {
    const query = inject(PREFERS_DARK_QUERY);
    if (!query) return;
    this.systemDark.set(query.matches);
    const changed = (event: MediaQueryListEvent): void => this.systemDark.set(event.matches);
    query.addEventListener('change', changed);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', changed));
  }
}

function parsePreference(value: string | null): ThemePreference {
  return THEME_PREFERENCES.find((preference) => preference === value) ?? 'system';
}
