import type { NestExpressApplication } from '@nestjs/platform-express';
import { MAX_SCRIPT_BYTES } from '@strato/contracts';
import { json, type NextFunction, type Request, type Response } from 'express';

/** Room for a script at its limit, plus its arguments and environment. */
export const JOBS_BODY_LIMIT_BYTES = 2 * MAX_SCRIPT_BYTES;

/**
 * A submit carries a script of up to 256 KiB, over the 100 kB body every other route takes. This parser
 * reads that route's body first, so Nest's own (registered at init) finds it read and lets it pass. It is
 * wrapped in an unnamed function: Nest skips its parser if it finds one named `jsonParser` in the stack.
 */
export function acceptJobScripts(app: NestExpressApplication): void {
  const parse = json({ limit: JOBS_BODY_LIMIT_BYTES });
  app.use('/api/v1/jobs', (request: Request, response: Response, next: NextFunction) =>
    request.method === 'POST' && request.path === '/' ? parse(request, response, next) : next(),
  );
}
