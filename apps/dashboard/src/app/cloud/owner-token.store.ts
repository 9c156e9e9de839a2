import { Injectable, InjectionToken, inject, signal } from '@angular/core';

export const BROWSER_STORAGE = new InjectionToken<Storage>('BROWSER_STORAGE', {
  providedIn: 'root',
  // For the browser session only: closing the browser forgets the token.
  factory: () => sessionStorage,
});

const STORAGE_KEY = 'strato.ownerToken';

/** The owner token, kept for the browser session so a reload does not ask again. */
@Injectable({ providedIn: 'root' })
export class OwnerTokenStore {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly token = signal(this.storage.getItem(STORAGE_KEY) ?? '');

  readonly value = this.token.asReadonly();

  set(token: string): void {
    const trimmed = token.trim();
    if (trimmed) this.storage.setItem(STORAGE_KEY, trimmed);
    else this.storage.removeItem(STORAGE_KEY);
    this.token.set(trimmed);
  }
}
