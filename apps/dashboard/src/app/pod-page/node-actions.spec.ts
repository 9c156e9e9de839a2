import { FakePodRoutes } from '../../testing/fake-pod-routes';
import { houseError } from '../../testing/fake-manager';
import { aNode, aPod } from '../../testing/fixtures';
import {
  type PodPageTest,
  type RenderedPodPage,
  calls,
  configurePodPageTest,
  renderPodPage,
  text,
} from '../../testing/render-pod-page';

describe('PodPage node actions', () => {
  let test: PodPageTest;
  let routes: FakePodRoutes;

  beforeEach(() => {
    test = configurePodPageTest();
    test.manager.pods = [aPod({ name: 'light' })];
    routes = new FakePodRoutes(test.manager, 'light');
  });

  const changes = () => calls(test.manager).filter((call) => !call.startsWith('GET '));
  const row = (page: RenderedPodPage, node: string) => page.element.querySelector(`tr[data-node="${node}"]`);
  const button = (scope: Element | null | undefined, label: string): HTMLButtonElement => {
    const found = [...(scope?.querySelectorAll('button') ?? [])].find(
      (candidate) => text(candidate) === label,
    );
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  };
  const type = (page: RenderedPodPage, selector: string, value: string): void => {
    const input = page.element.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = (form: Element | null | undefined) =>
    form?.dispatchEvent(new Event('submit', { cancelable: true }));
  const addForm = (page: RenderedPodPage) => page.element.querySelector('strato-add-node-form form');

  describe('adding a node', () => {
    it('registers it, then launches the pod, with the owner token, and shows it once launched', async () => {
      routes.install();
      const page = await renderPodPage('/pods/light', test);
      type(page, 'input[name=node-name]', 'n7');
      submit(addForm(page));
      await page.settle();

      expect(changes()).toEqual(['POST /api/v1/nodes', 'POST /api/v1/pods/light/launch']);
      const register = test.manager.requests.find((request) => request.method === 'POST');
      expect(register?.headers.get('authorization')).toBe('Bearer s3cret');
      expect(await register?.clone().json()).toEqual({ name: 'n7', pod: 'light' });
      expect(text(row(page, 'n7')?.querySelector('strato-status-badge'))).toBe('ONLINE');
      expect(text(page.element.querySelector('.action-result'))).toBe('Launched n7.');
      expect(page.element.querySelector<HTMLInputElement>('input[name=node-name]')?.value).toBe('');
    });

    it('shows its progress while the launch is out, and does not take a second click', async () => {
      routes.install();
      let answer: (response: Response) => void = () => undefined;
      test.manager.on(
        'POST',
        '/api/v1/pods/light/launch',
        () => new Promise<Response>((resolve) => (answer = resolve)),
      );
      const page = await renderPodPage('/pods/light', test);
      type(page, 'input[name=node-name]', 'n7');
      submit(addForm(page));
      await page.settle();

      const add = addForm(page)?.querySelector<HTMLButtonElement>('button[type=submit]');
      expect(text(add)).toBe('Launching…');
      expect(add?.disabled).toBe(true);
      expect(text(row(page, 'n7')?.querySelector('strato-status-badge'))).toBe('NEW');
      submit(addForm(page));

      answer(Response.json(aNode({ name: 'n7' }), { status: 201 }));
      await page.settle();
      expect(text(add)).toBe('Add node');
      expect(add?.disabled).toBe(false);
      expect(changes()).toEqual(['POST /api/v1/nodes', 'POST /api/v1/pods/light/launch']);
    });

    it('names the node itself when the field is left empty', async () => {
      test.manager.nodes = [aNode({ name: 'light-1' }), aNode({ name: 'light-2' })];
      routes.install();
      const page = await renderPodPage('/pods/light', test);
      expect(page.element.querySelector('input[name=node-name]')?.getAttribute('placeholder')).toBe(
        'light-3',
      );
      submit(addForm(page));
      await page.settle();

      expect(row(page, 'light-3')).not.toBeNull();
    });

    it('shows the manager’s 409 when the name is taken, and launches nothing', async () => {
      test.manager.nodes = [aNode({ name: 'n1', pod: 'heavy' })];
      routes.install();
      const page = await renderPodPage('/pods/light', test);
      type(page, 'input[name=node-name]', 'n1');
      submit(addForm(page));
      await page.settle();

      expect(changes()).toEqual(['POST /api/v1/nodes']);
      expect(text(page.element.querySelector('strato-add-node-form [role=alert]'))).toBe(
        'a node named "n1" already exists (in pod heavy); choose another name',
      );
      expect(page.element.querySelector<HTMLInputElement>('input[name=node-name]')?.value).toBe('n1');
    });

    it('says the node is registered but did not start when the launch fails', async () => {
      routes.install();
      test.manager.on('POST', '/api/v1/pods/light/launch', () =>
        houseError(503, 'Service Unavailable', 'node n7 failed to start: exit 1'),
      );
      const page = await renderPodPage('/pods/light', test);
      type(page, 'input[name=node-name]', 'n7');
      submit(addForm(page));
      await page.settle();

      expect(text(page.element.querySelector('strato-add-node-form [role=alert]'))).toBe(
        'n7 is registered but did not launch: node n7 failed to start: exit 1',
      );
      expect(text(row(page, 'n7')?.querySelector('strato-status-badge'))).toBe('NEW');
    });

    it('offers to launch the oldest NEW node, and launches it', async () => {
      test.manager.nodes = [
        aNode({ name: 'b', status: 'NEW', createdAt: '2026-01-01T00:00:02.000Z' }),
        aNode({ name: 'a', status: 'NEW', createdAt: '2026-01-01T00:00:01.000Z' }),
      ];
      routes.install();
      const page = await renderPodPage('/pods/light', test);
      expect(text(page.element.querySelector('#launch-hint'))).toBe('starts a, the oldest NEW node');
      button(addForm(page), 'Launch').click();
      await page.settle();

      expect(changes()).toEqual(['POST /api/v1/pods/light/launch']);
      expect(text(row(page, 'a')?.querySelector('strato-status-badge'))).toBe('ONLINE');
      expect(text(page.element.querySelector('#launch-hint'))).toBe('starts b, the oldest NEW node');
    });
  });

  describe('removing a node', () => {
    beforeEach(() => {
      test.manager.nodes = [aNode({ name: 'light-1' }), aNode({ name: 'light-2' })];
      routes.install();
    });

    it('asks first, and does nothing on No', async () => {
      const page = await renderPodPage('/pods/light', test);
      button(row(page, 'light-2'), 'Remove').click();
      await page.settle();
      const confirm = row(page, 'light-2')?.querySelector('.confirm');
      expect(text(confirm?.querySelector('span'))).toBe('Remove?');
      expect([...(confirm?.querySelectorAll('button') ?? [])].map(text)).toEqual(['Yes', 'No']);

      button(row(page, 'light-2'), 'No').click();
      await page.settle();
      expect(row(page, 'light-2')?.querySelector('.confirm')).toBeNull();
      expect(changes()).toEqual([]);
    });

    it('removes it from this pod on Yes, and the row goes', async () => {
      const page = await renderPodPage('/pods/light', test);
      button(row(page, 'light-2'), 'Remove').click();
      await page.settle();
      button(row(page, 'light-2'), 'Yes').click();
      await page.settle();

      expect(changes()).toEqual(['DELETE /api/v1/nodes/light-2?pod=light']);
      expect(row(page, 'light-2')).toBeNull();
      expect(row(page, 'light-1')).not.toBeNull();
    });

    it('shows why the manager refused', async () => {
      const refusal =
        "elasticity is on for pod light: it manages the pod's nodes, so manual rm is refused; turn it off first with: cloud elasticity disable light";
      test.manager.on('DELETE', '/api/v1/nodes/light-2', () => houseError(409, 'Conflict', refusal));
      const page = await renderPodPage('/pods/light', test);
      button(row(page, 'light-2'), 'Remove').click();
      await page.settle();
      button(row(page, 'light-2'), 'Yes').click();
      await page.settle();

      expect(text(row(page, 'light-2')?.querySelector('[role=alert]'))).toBe(refusal);
    });
  });

  describe('weights', () => {
    beforeEach(() => {
      test.manager.nodes = [aNode({ name: 'light-1', weight: 3 })];
      routes.install();
    });

    const weightForm = (page: RenderedPodPage) => row(page, 'light-1')?.querySelector('form.weight');
    const bodies = () =>
      Promise.all(
        test.manager.requests
          .filter((request) => request.method === 'PUT')
          .map((request) => request.clone().json()),
      );

    it('sets the weight typed in', async () => {
      const page = await renderPodPage('/pods/light', test);
      type(page, 'tr[data-node="light-1"] input[name=weight]', '7');
      submit(weightForm(page));
      await page.settle();

      expect(changes()).toEqual(['PUT /api/v1/nodes/light-1/weight']);
      expect(await bodies()).toEqual([{ weight: 7 }]);
      expect(row(page, 'light-1')?.querySelector<HTMLInputElement>('input[name=weight]')?.value).toBe('7');
    });

    it('drains a node to weight 0, and restores the weight it had', async () => {
      const page = await renderPodPage('/pods/light', test);
      button(row(page, 'light-1'), 'Drain').click();
      await page.settle();
      expect(text(row(page, 'light-1')?.querySelector('.drained'))).toBe('drained · restores to 3');

      button(row(page, 'light-1'), 'Restore').click();
      await page.settle();

      expect(await bodies()).toEqual([{ weight: 0 }, { weight: 3 }]);
      expect(row(page, 'light-1')?.querySelector('.drained')).toBeNull();
    });

    it('refuses an empty or out-of-range weight without asking the manager', async () => {
      const page = await renderPodPage('/pods/light', test);
      type(page, 'tr[data-node="light-1"] input[name=weight]', '');
      submit(weightForm(page));
      await page.settle();

      expect(changes()).toEqual([]);
      expect(text(row(page, 'light-1')?.querySelector('[role=alert]'))).toBe(
        'weight must be a whole number from 0 to 256',
      );
    });
  });
});
