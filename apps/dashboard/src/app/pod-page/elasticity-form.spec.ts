import { FakePodRoutes, anElasticity } from '../../testing/fake-pod-routes';
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

describe('PodPage elasticity', () => {
  let test: PodPageTest;
  let routes: FakePodRoutes;

  beforeEach(() => {
    test = configurePodPageTest();
    test.manager.pods = [aPod({ name: 'light' })];
    routes = new FakePodRoutes(test.manager, 'light');
  });

  const changes = () => calls(test.manager).filter((call) => !call.startsWith('GET '));
  const form = (page: RenderedPodPage) => page.element.querySelector('strato-elasticity-form form');
  const field = (page: RenderedPodPage, name: string) =>
    page.element.querySelector<HTMLInputElement>(`strato-elasticity-form [name=${name}]`);
  const type = (page: RenderedPodPage, name: string, value: string): void => {
    const input = field(page, name);
    if (!input) throw new Error(`no field ${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const save = async (page: RenderedPodPage) => {
    form(page)?.dispatchEvent(new Event('submit', { cancelable: true }));
    await page.settle();
  };
  const lastBody = () =>
    test.manager.requests
      .filter((request) => request.method !== 'GET')
      .at(-1)
      ?.clone()
      .json();
  const errorUnder = (page: RenderedPodPage, name: string) =>
    text(page.element.querySelector(`#elasticity-${name}-error`));

  it('shows the policy and the last decision, with its reason and desired nodes', async () => {
    routes.elasticity = anElasticity({
      enabled: true,
      status: {
        at: '2026-01-01T00:00:00.000Z',
        metric: 'cpu',
        value: 82.5,
        detail: 'avg over 3 s',
        currentNodes: 2,
        readyNodes: 2,
        desiredNodes: 3,
        reason: 'AboveUpperThreshold',
        message: 'cpu 82.5 is above 70: scale out by 1',
        conditions: [{ type: 'AbleToScale', status: true, reason: 'ReadyForNewScale', message: 'ready' }],
      },
    });
    routes.install();
    const page = await renderPodPage('/pods/light', test);

    expect(text(page.element.querySelector('.elasticity-state strong'))).toBe('on');
    expect(text(page.element.querySelector('.decision-reason'))).toBe('AboveUpperThreshold');
    expect(text(page.element.querySelector('.decision-nodes'))).toBe('3 desired · 2 now · 2 ready');
    expect(text(page.element.querySelector('.decision-value'))).toBe('82.5');
    expect(text(page.element.querySelector('.decision-message'))).toBe(
      'cpu 82.5 is above 70: scale out by 1',
    );
    expect(field(page, 'lower')?.value).toBe('20');
    expect(field(page, 'upper')?.value).toBe('70');
    expect(field(page, 'target')).toBeNull();
    expect(page.element.querySelector<HTMLSelectElement>('select[name=metric]')?.value).toBe('cpu');
  });

  it('saves the fields of the chosen policy and shows the policy the manager kept', async () => {
    routes.install();
    const page = await renderPodPage('/pods/light', test);
    type(page, 'upper', '80');
    await save(page);

    expect(changes()).toEqual(['PUT /api/v1/pods/light/elasticity']);
    expect(await lastBody()).toEqual({
      kind: 'threshold',
      metric: 'cpu',
      lower: 20,
      upper: 80,
      minNodes: 1,
      maxNodes: 6,
      warmNodes: 0,
      step: 1,
      scaleOutCooldownMs: 3000,
      scaleInCooldownMs: 15000,
      windowMs: 3000,
    });
    expect(field(page, 'upper')?.value).toBe('80');
    expect(text(page.element.querySelector('strato-elasticity-form [role=status]'))).toBe('Saved.');
  });

  it('puts a 400 on the field it names, and on no other', async () => {
    routes.install();
    test.manager.on('PUT', '/api/v1/pods/light/elasticity', () =>
      Response.json(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'lower: lower must not be less than 0',
          details: [{ field: 'lower', reason: 'lower must not be less than 0' }],
        },
        { status: 400 },
      ),
    );
    const page = await renderPodPage('/pods/light', test);
    type(page, 'lower', '-5');
    await save(page);

    expect(field(page, 'lower')?.getAttribute('aria-invalid')).toBe('true');
    expect(field(page, 'lower')?.getAttribute('aria-describedby')).toBe('elasticity-lower-error');
    expect(errorUnder(page, 'lower')).toBe('lower must not be less than 0');
    expect(field(page, 'upper')?.hasAttribute('aria-invalid')).toBe(false);
    expect(page.element.querySelectorAll('strato-elasticity-form [aria-invalid=true]')).toHaveLength(1);
    expect(text(page.element.querySelector('.form-error'))).toBe(
      'The manager refused these settings: see the marked fields.',
    );
    expect(field(page, 'lower')?.value).toBe('-5');
  });

  it('puts a 422 on the field its message leads with', async () => {
    routes.install();
    test.manager.on('PUT', '/api/v1/pods/light/elasticity', () =>
      houseError(422, 'Unprocessable Entity', 'upper must be above lower 20, got 15'),
    );
    const page = await renderPodPage('/pods/light', test);
    type(page, 'upper', '15');
    await save(page);

    expect(field(page, 'upper')?.getAttribute('aria-invalid')).toBe('true');
    expect(errorUnder(page, 'upper')).toBe('upper must be above lower 20, got 15');
    expect(field(page, 'lower')?.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows other refusals above the form', async () => {
    routes.install();
    test.manager.on('PUT', '/api/v1/pods/light/elasticity', () =>
      houseError(404, 'Not Found', 'unknown pod "light"; there are no pods yet: run `cloud init`'),
    );
    const page = await renderPodPage('/pods/light', test);
    await save(page);

    expect(text(page.element.querySelector('.form-error'))).toBe(
      'unknown pod "light"; there are no pods yet: run `cloud init`',
    );
    expect(page.element.querySelectorAll('strato-elasticity-form [aria-invalid=true]')).toHaveLength(0);
  });

  it('turns elasticity on between the fewest and most nodes in the form, and off again', async () => {
    routes.install();
    const page = await renderPodPage('/pods/light', test);
    type(page, 'minNodes', '2');
    type(page, 'maxNodes', '4');
    [...page.element.querySelectorAll('button')].find((b) => text(b) === 'Turn elasticity on')?.click();
    await page.settle();

    expect(changes()).toEqual(['POST /api/v1/pods/light/elasticity/enable']);
    expect(await lastBody()).toEqual({ minNodes: 2, maxNodes: 4 });
    expect(text(page.element.querySelector('.elasticity-state strong'))).toBe('on');

    [...page.element.querySelectorAll('button')].find((b) => text(b) === 'Turn elasticity off')?.click();
    await page.settle();
    expect(changes()).toEqual([
      'POST /api/v1/pods/light/elasticity/enable',
      'POST /api/v1/pods/light/elasticity/disable',
    ]);
    expect(text(page.element.querySelector('.elasticity-state strong'))).toBe('off');
  });

  it('shows the other policy’s fields when the kind changes', async () => {
    routes.install();
    const page = await renderPodPage('/pods/light', test);
    const kind = page.element.querySelector<HTMLSelectElement>('select[name=kind]');
    if (kind) kind.value = 'target-tracking';
    kind?.dispatchEvent(new Event('change'));
    await page.settle();

    expect(field(page, 'target')).not.toBeNull();
    expect(field(page, 'lower')).toBeNull();
    type(page, 'target', '50');
    await save(page);
    expect(await lastBody()).toEqual({
      kind: 'target-tracking',
      metric: 'cpu',
      target: 50,
      minNodes: 1,
      maxNodes: 6,
      warmNodes: 0,
      windowMs: 3000,
    });
  });
});
