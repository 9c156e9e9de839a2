import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { CloudSummaryStore } from './cloud/cloud-summary.store';
import { CloudStore } from './cloud/cloud.store';
import { LiveConnection, type LiveState } from './cloud/live-connection';
import { pollWhileVisible } from './cloud/poll-while-visible';
import { TokenForm } from './cloud/token-form';
import { ThemeToggle } from './theme/theme-toggle';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/**
 * Changes come on the live stream, and the pods' numbers with its metrics frames; this poll keeps
 * what changes without an event fresh (elasticity's last decision, agents, the balancer's health).
 */
const REFRESH_MS = 5000;

const LIVE_LABELS: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected — retrying',
  refused: 'Not signed in',
};

@Component({
  selector: 'strato-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, RouterLinkActive, RouterOutlet, ThemeToggle, TokenForm],
  template: `
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true"></span>
        <h1>Strato</h1>
        <span class="tagline">elastic mini-cloud</span>
      </div>
      <nav class="nav" aria-label="Pages">
        <a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }">Overview</a>
        <a routerLink="/events" routerLinkActive="active">Events</a>
        <a routerLink="/jobs" routerLinkActive="active">Jobs</a>
      </nav>
      <p class="freshness" aria-live="polite">
        <span class="dot" [attr.data-live]="live.state()"></span>
        <span class="live-state">{{ liveLabel() }}</span>
        @if (store.loadedAt(); as loadedAt) {
          <span class="updated">· updated {{ loadedAt | date: 'mediumTime' }}</span>
        }
      </p>
      <strato-token-form [token]="store.token()" (saved)="saveToken($event)" />
      <strato-theme-toggle />
    </header>

    <main>
      @if (store.needsToken()) {
        <p class="notice notice--warn" role="alert">
          @if (store.token()) {
            The manager refused this owner token.
          }
          Enter the owner token — <code>npm start</code> printed where it is.
        </p>
      } @else {
        @if (live.state() === 'disconnected') {
          <p class="notice notice--error" role="alert">
            Disconnected from the manager: what you see may be out of date. Reconnecting by itself; changes
            made meanwhile will show, none is lost.
          </p>
        } @else if (store.unreachable(); as message) {
          <p class="notice notice--error" role="alert">
            Cannot read the cloud: {{ message }}. Retrying every 5&nbsp;s.
          </p>
        }
        <router-outlet />
      }
    </main>
  `,
  styleUrl: './app.css',
})
export class App {
  protected readonly store = inject(CloudStore);
  private readonly summary = inject(CloudSummaryStore);
  protected readonly live = inject(LiveConnection);
  protected readonly liveLabel = computed(() => LIVE_LABELS[this.live.state()]);

  constructor() {
    pollWhileVisible(() => {
      void this.store.refresh();
      void this.summary.refresh();
    }, REFRESH_MS);
    effect((onCleanup) => {
      const token = this.store.token();
      if (!token) return;
      this.live.connect(token, {
        changed: () => {
          void this.store.changed();
          void this.summary.changed();
        },
        refused: () => this.store.tokenRefused(),
      });
      onCleanup(() => this.live.disconnect());
    });
  }

  protected saveToken(token: string): void {
    void this.store.saveToken(token);
  }
}
