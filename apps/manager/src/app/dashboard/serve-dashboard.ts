import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const NOT_BUILT = `<!doctype html><title>Strato</title><h1>Strato</h1>
<p>The dashboard is not built yet: run <code>npx nx build dashboard</code>. The API is at <a href="/api/docs">/api/docs</a>.</p>`;

/** Serves the Angular dashboard at `/`, with every non-API path falling back to index.html. */
export function serveDashboard(app: NestExpressApplication, dashboardDir: string): void {
  const index = join(dashboardDir, 'index.html');
  if (existsSync(index)) app.useStaticAssets(dashboardDir, { index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    if (!existsSync(index)) return res.status(200).type('html').send(NOT_BUILT);
    return res.sendFile(index);
  });
}
