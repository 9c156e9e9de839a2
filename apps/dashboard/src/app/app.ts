import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CloudStore } from './cloud/cloud.store';
import { pollWhileVisible } from './cloud/poll-while-visible';
import { TokenForm } from './cloud/token-form';
import { PodList } from './pods/pod-list';

const REFRESH_MS = 2000;

@Component({
  selector: 'strato-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, PodList, TokenForm],
  template: `
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true"></span>
        <h1>Strato</h1>
        <span class="tagline">elastic mini-cloud</span>
      </div>
      <p class="freshness" aria-live="polite">
        @if (store.loadedAt(); as loadedAt) {
          <span class="dot" [class.stale]="store.unreachable()"></span>
          Updated {{ loadedAt | date: 'mediumTime' }}
        }
      </p>
      <strato-token-form [token]="store.token()" (saved)="saveToken($event)" />
    </header>

    <main>
      @if (store.needsToken()) {
        <p class="notice notice--warn" role="alert">
          Enter the owner token — <code>npm start</code> printed where it is.
        </p>
      } @else {
        @if (store.unreachable(); as message) {
          <p class="notice notice--error" role="alert">
            Cannot read the cloud: {{ message }}. Retrying every 2&nbsp;s.
          </p>
        }
        @if (store.loadedAt()) {
          <strato-pod-list [pods]="store.pods()" />
        } @else if (!store.unreachable()) {
          <p class="loading">Loading pods…</p>
        }
      }
    </main>
  `,
  styleUrl: './app.css',
})
export class App {
  protected readonly store = inject(CloudStore);

  constructor() {
    pollWhileVisible(() => void this.store.refresh(), REFRESH_MS);
  }

  protected saveToken(token: string): void {
    void this.store.saveToken(token);
  }
}
