import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AgentModule } from './app/agent.module';
import { AgentConfigError, loadAgentConfig } from './app/config/agent-config';
import { configureAgentApp } from './app/configure-agent-app';

async function bootstrap(): Promise<void> {
  const config = loadAgentConfig();
  const app = await NestFactory.create(AgentModule.register(config));
  configureAgentApp(app);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger('Agent').log(
    `proxy agent listening on http://${config.host}:${config.port} (cloud ${config.cloud})`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof AgentConfigError) {
    console.error(`strato agent: ${error.message}`);
    process.exit(2);
  }
  console.error('strato agent failed to start:', error);
  process.exit(1);
});
