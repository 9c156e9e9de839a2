import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// jsdom has no canvas; charts (chart.js) will ask for a 2D context.
Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: () => null });
