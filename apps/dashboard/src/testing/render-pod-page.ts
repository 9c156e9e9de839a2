import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app/app.routes';
import { LiveConnection } from '../app/cloud/live-connection';
import { PodPage } from '../app/pod-page/pod-page';
import { FakeManager } from './fake-manager';
import { FakeStreamOpener } from './fake-stream';
import { signedIn } from './signed-in';

export interface PodPageTest {
  readonly manager: FakeManager;
  readonly streams: FakeStreamOpener;
}

/** The real StratoApi, generated client and router over a FakeManager, the owner token stored. */
export function configurePodPageTest(): PodPageTest {
  const manager = new FakeManager();
  const streams = new FakeStreamOpener();
  TestBed.configureTestingModule({
    providers: [...signedIn(manager, streams), provideRouter(routes, withComponentInputBinding())],
  });
  return { manager, streams };
}

export interface RenderedPodPage {
  readonly element: HTMLElement;
  /** Lets the fake's answers arrive and the page render them. */
  settle(): Promise<void>;
  /** Follows the live stream as the app shell does, so a spec can play its frames. */
  goLive(): void;
}

export async function renderPodPage(url: string, test: PodPageTest): Promise<RenderedPodPage> {
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url, PodPage);
  const settle = async (): Promise<void> => {
    // Each macrotask turn lets one more awaited answer (and its body) through; chains are a few deep.
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  };
  await settle();
  return {
    element: harness.routeNativeElement as HTMLElement,
    settle,
    goLive: () =>
      TestBed.inject(LiveConnection).connect(test.manager.token, {
        changed: () => undefined,
        refused: () => undefined,
      }),
  };
}

export const text = (element: Element | null | undefined): string =>
  element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The requests the page made, as `METHOD /path?query`. */
export const calls = (manager: FakeManager): string[] =>
  manager.requests.map((request) => {
    const url = new URL(request.url);
    return `${request.method} ${url.pathname}${url.search}`;
  });
