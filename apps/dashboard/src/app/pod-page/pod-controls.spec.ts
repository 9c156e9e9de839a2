import { FakePodRoutes } from '../../testing/fake-pod-routes';
import { houseError } from '../../testing/fake-manager';
import { aPod } from '../../testing/fixtures';
import {
  type PodPageTest,
  type RenderedPodPage,
  calls,
  configurePodPageTest,
  renderPodPage,
  text,
} from '../../testing/render-pod-page';

describe('PodPage pod controls', () => {
  let test: PodPageTest;

  beforeEach(() => {
    test = configurePodPageTest();
    test.manager.pods = [aPod({ name: 'light', algorithm: 'roundrobin' })];
    new FakePodRoutes(test.manager, 'light').install();
  });

  const changes = () => calls(test.manager).filter((call) => !call.startsWith('GET '));
  const controls = (page: RenderedPodPage) => page.element.querySelector('strato-pod-controls');
  const button = (page: RenderedPodPage, label: string) =>
    [...page.element.querySelectorAll('button')].find((candidate) => text(candidate) === label);

  it('pauses the pod, then resumes it, each once the manager agrees', async () => {
    const page = await renderPodPage('/pods/light', test);
    button(page, 'Pause pod')?.click();
    await page.settle();

    expect(changes()).toEqual(['POST /api/v1/pods/light/pause']);
    expect(text(page.element.querySelector('.pod-state'))).toBe('paused');
    expect(button(page, 'Pause pod')).toBeUndefined();

    button(page, 'Resume pod')?.click();
    await page.settle();
    expect(changes()).toEqual(['POST /api/v1/pods/light/pause', 'POST /api/v1/pods/light/resume']);
    expect(text(page.element.querySelector('.pod-state'))).toBe('running');
  });

  it('shows the manager’s message when it cannot pause', async () => {
    test.manager.on('POST', '/api/v1/pods/light/pause', () =>
      houseError(503, 'Service Unavailable', 'the proxy agent at http://127.0.0.1:9000 did not answer'),
    );
    const page = await renderPodPage('/pods/light', test);
    button(page, 'Pause pod')?.click();
    await page.settle();

    expect(text(controls(page)?.querySelector('[role=alert]'))).toBe(
      'the proxy agent at http://127.0.0.1:9000 did not answer',
    );
    expect(text(page.element.querySelector('.pod-state'))).toBe('running');
  });

  it('sets the balance algorithm picked, and only when it changes', async () => {
    const page = await renderPodPage('/pods/light', test);
    const select = page.element.querySelector<HTMLSelectElement>('select[name=algorithm]');
    const set = button(page, 'Set algorithm');
    expect(select?.value).toBe('roundrobin');
    expect(set?.disabled).toBe(true);

    if (select) select.value = 'leastconn';
    select?.dispatchEvent(new Event('change'));
    await page.settle();
    expect(set?.disabled).toBe(false);
    select?.closest('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await page.settle();

    expect(changes()).toEqual(['PUT /api/v1/pods/light/algorithm']);
    const put = test.manager.requests.find((request) => request.method === 'PUT');
    expect(await put?.clone().json()).toEqual({ algorithm: 'leastconn' });
    expect(text(page.element.querySelector('.fact-algorithm'))).toBe('leastconn');
    expect(set?.disabled).toBe(true);
  });
});
