import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { writeFileSync } from 'node:fs';
import { AppModule } from './app/app.module';
import { ConfigError, loadManagerConfig } from './app/config/manager-config';
import { buildOpenApiDocument, configureApp } from './app/configure-app';

/** `--emit-openapi FILE`: writes the OpenAPI document without starting anything (preview mode). */
async function emitOpenApi(file: string): Promise<void> {
  const config = loadManagerConfig({
    STRATO_AGENT_TOKEN: 'x'.repeat(16),
    STRATO_LB: 'embedded',
    STRATO_DATA_DIR: '/nonexistent',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

async function serve(): Promise<void> {
  const config = loadManagerConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: false,
  });
  configureApp(app, config.dashboardDir);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  new Logger('Manager').log(`manager listening on ${base} (dashboard ${base}/, Swagger UI ${base}/api/docs)`);
}

const emitIndex = process.argv.indexOf('--emit-openapi');
const run = emitIndex >= 0 ? emitOpenApi(process.argv[emitIndex + 1] ?? 'openapi.json') : serve();
run.catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`strato manager: ${error.message}`);
    process.exit(2);
  }
  console.error('strato manager failed to start:', error);
  process.exit(1);
});
