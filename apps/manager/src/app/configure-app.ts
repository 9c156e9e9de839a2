import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { serveDashboard } from './dashboard/serve-dashboard';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { rejectUnexpectedInput } from './errors/reject-unexpected-input';
import { validationExceptionFactory } from './errors/validation-exception.factory';
import { acceptJobScripts } from './jobs/jobs-body-limit';
import { ErrorDto } from './openapi/api-error-responses';
import { asOpenApi31 } from './openapi/as-openapi-3-1';
import { documentResponsesOfEveryRoute } from './openapi/responses-of-every-route';

export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Strato manager API')
    .setDescription(
      "The cloud owner's API: pods, nodes, the load balancer. Every route but /api/health needs the owner token.",
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // Relative: the manager that serves the document (npm start: http://127.0.0.1:8080).
    .addServer('/', 'this manager')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'the owner token (see `npm start` output)',
    })
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'x-strato-agent-token',
        description: 'the agent token (agent routes only)',
      },
      'agent',
    )
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorDto] });
  return documentResponsesOfEveryRoute(asOpenApi31(document));
}

/** Everything main.ts and the in-process tests share: prefix, pipes, filters, docs, dashboard. */
export function configureApp(app: NestExpressApplication, dashboardDir: string): OpenAPIObject {
  app.setGlobalPrefix('api');
  acceptJobScripts(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new DomainExceptionFilter());
  rejectUnexpectedInput(app);
  app.disable('x-powered-by');
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Strato API',
  });
  serveDashboard(app, dashboardDir);
  return document;
}
