import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { type ThemePreference, ThemeStore } from './theme.store';

const ICONS: Record<ThemePreference, string> = { light: '☀', dark: '☾', system: '◐' };

/** A button that cycles the theme: light, dark, the system's. */
@Component({
  selector: 'strato-theme-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="theme-toggle"
      [attr.aria-label]="label()"
      [attr.title]="label() + ' (click to change)'"
      [attr.data-preference]="store.preference()"
      (click)="store.cycle()"
    >
      <span aria-hidden="true">{{ icon() }}</span>
    </button>
  `,
  styles: `
    button {
      display: inline-grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      padding: 0;
      font-size: 1rem;
      line-height: 1;
      color: var(--muted);
      background: transparent;
      border: 1px solid var(--border);
      border-radius: 6px;
      cursor: pointer;
    }
    button:hover {
      color: var(--text);
      background: var(--border-soft);
    }
  `,
})
export class ThemeToggle {
  protected readonly store = inject(ThemeStore);
  protected readonly label = computed(() => `Theme: ${this.store.preference()}`);
  protected readonly icon = computed(() => ICONS[this.store.preference()]);
}
