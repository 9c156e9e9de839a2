import { DOCUMENT, DestroyRef, inject } from '@angular/core';

/**
 * Runs `task` now and every `intervalMs` while the tab is visible, and at once when it becomes
 * visible again. Call in an injection context; stops when that context is destroyed.
 */
export function pollWhileVisible(task: () => void, intervalMs: number): void {
  const document = inject(DOCUMENT);
  const tick = (): void => {
    if (document.visibilityState === 'visible') task();
  };
  const timer = setInterval(tick, intervalMs);
  document.addEventListener('visibilitychange', tick);
  inject(DestroyRef).onDestroy(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', tick);
  });
  tick();
}
