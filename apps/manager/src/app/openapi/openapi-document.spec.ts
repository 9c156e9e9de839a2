import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../testing/test-app';

type Json = { [key: string]: unknown };

interface Operation {
  operationId: string;
  requestBody?: unknown;
  security?: Json[];
  responses: Record<string, unknown>;
}

interface Document {
  openapi: string;
  servers?: { url: string }[];
  security?: Json[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON pointer of every object holding `key`, examples left out (they are data, not schemas). */
function holdersOf(key: string, value: unknown, at = '#'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => holdersOf(key, v, `${at}/${i}`));
  if (!isObject(value)) return [];
  return [
    ...(key in value ? [at] : []),
    ...Object.entries(value)
      .filter(([k]) => k !== 'example' && k !== 'examples')
      .flatMap(([k, v]) => holdersOf(key, v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`)),
  ];
}

describe('the OpenAPI document keeps its word and lints clean', () => {
  let test: TestApp;
  let doc: Document;
  let operations: { name: string; path: string; op: Operation }[];

  beforeAll(async () => {
    test = await createTestApp();
    doc = (await request(test.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op })),
    );
  });
  afterAll(() => test.close());

  it('is OpenAPI 3.1 with a server', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.servers?.every((s) => typeof s.url === 'string' && s.url.length > 0)).toBe(true);
  });

  it('says null with JSON Schema types, never with `nullable` (strict validators ignore it beside allOf)', () => {
    const nullable = holdersOf('nullable', doc);
    expect(nullable.filter((at) => holdersOf('allOf', doc).includes(at))).toEqual([]);
    expect(nullable).toEqual([]);
  });

  it('accepts null for a nested DTO documented as nullable, and the DTO itself', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    ajv.addVocabulary(['example', 'components']);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const property = (dto: string, name: string) => {
      const validate = ajv.compile({ $ref: `doc#/components/schemas/${dto}/properties/${name}` });
      return (value: unknown) => validate(value);
    };
    const latency = { windowMs: 10_000, samples: 3, p50Ms: 1, p90Ms: 2, p99Ms: 3 };
    expect([null, latency, 'none'].map(property('PodBalancingDto', 'latency'))).toEqual([true, true, false]);
    expect(property('ElasticityDto', 'status')(null)).toBe(true);
  });

  it('documents a 4xx for every operation: 401 and 403 where a token is needed, 404 for a named resource', () => {
    const missing = operations.flatMap(({ name, path, op }) => {
      const statuses = Object.keys(op.responses);
      const needsToken = !(op.security ?? doc.security ?? []).some((s) => Object.keys(s).length === 0);
      const expected = [
        '400',
        '413',
        '415',
        '500',
        ...(needsToken ? ['401', '403'] : []),
        ...(/\{(pod|name|id)\}/.test(path) ? ['404'] : []),
      ];
      const absent = expected.filter((status) => !statuses.includes(status));
      if (!statuses.some((s) => /^4\d\d$/.test(s))) absent.push('any 4xx');
      return absent.length > 0 ? [`${name}: ${absent.join(', ')}`] : [];
    });
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect(missing).toEqual([]);
  });

  it("passes Redocly's recommended-strict rules (warnings are errors)", async () => {
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), config });
    const found = problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(found).toEqual([]);
  });
});
