import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { RuntimeExceptionFilter } from './runtime-exception.filter';

/** The pipes and filter main.ts installs, shared with the specs so they see the agent as it runs. */
export function configureAgentApp(app: INestApplication): void {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new RuntimeExceptionFilter());
}
