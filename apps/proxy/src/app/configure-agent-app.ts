import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { MAX_SCRIPT_BYTES } from '@strato/contracts';
import { json, type NextFunction, type Request, type Response } from 'express';
import { RuntimeExceptionFilter } from './runtime-exception.filter';

/** The pipes and filter main.ts installs, shared with the specs so they see the agent as it runs. */
export function configureAgentApp(app: INestApplication): void {
  acceptJobScripts(app);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new RuntimeExceptionFilter());
}

const JOB_START_PATH = /^\/agent\/v1\/nodes\/[^/]+\/jobs\/?$/;

/**
 * A job start carries a script of up to 256 KiB, over the 100 kB body of every other route; read that route's
 * body first (Nest's own parser then lets it pass). Unnamed on purpose: Nest skips its parser when it finds
 * one named `jsonParser`.
 */
function acceptJobScripts(app: INestApplication): void {
  const parse = json({ limit: 2 * MAX_SCRIPT_BYTES });
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.method === 'POST' && JOB_START_PATH.test(request.path) ? parse(request, response, next) : next(),
  );
}
