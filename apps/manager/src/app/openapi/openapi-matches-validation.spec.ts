import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../testing/test-app';

interface Schema {
  /** 3.1: a nullable field is `[T, 'null']`. */
  type?: string | string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
}

/** What the OpenAPI schema of a property must say for each class-validator rule on it. */
function expectedBy(rule: ValidationMetadata): Partial<Schema> | undefined {
  const [constraint] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: constraint as number };
    case 'max':
      return { maximum: constraint as number };
    case 'matches':
      return { pattern: (constraint as RegExp).source };
    case 'isIn':
      return { enum: [...(constraint as unknown[])] };
    default:
      return undefined;
  }
}

interface Parameter {
  name: string;
  in: string;
  schema: Schema;
}

interface Operation {
  parameters?: Parameter[];
}

describe('the OpenAPI document says what validation enforces', () => {
  let test: TestApp;
  let schemas: Record<string, Schema>;
  let queryParameters: Parameter[][];

  /** A query DTO as the schema of the operation whose query parameters are exactly its properties. */
  const querySchema = (properties: Set<string>): Schema | undefined => {
    const params = queryParameters.find(
      (ps) => ps.length === properties.size && ps.every((p) => properties.has(p.name)),
    );
    return params && { properties: Object.fromEntries(params.map((p) => [p.name, p.schema])) };
  };

  beforeAll(async () => {
    test = await createTestApp();
    const doc = (await request(test.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    schemas = doc.components.schemas;
    queryParameters = Object.values(doc.paths as Record<string, Record<string, Operation>>).flatMap(
      (methods) => Object.values(methods).map((op) => (op.parameters ?? []).filter((p) => p.in === 'query')),
    );
  });
  afterAll(() => test.close());

  it('documents every integer, bound, pattern and choice of every request body and query', () => {
    const storage = getMetadataStorage() as unknown as {
      // Not public API, but the one list of every rule of every class; the test fails loudly if it moves.
      validationMetadatas: Map<{ name: string }, ValidationMetadata[]>;
    };
    const mismatches: string[] = [];
    let checked = 0;
    const unmatchedQueries: string[] = [];
    for (const [target, rules] of storage.validationMetadatas) {
      const isQuery = target.name.endsWith('QueryDto');
      const schema = isQuery ? querySchema(new Set(rules.map((r) => r.propertyName))) : schemas[target.name];
      if (isQuery && !schema) unmatchedQueries.push(target.name);
      if (!schema?.properties) continue;
      for (const rule of rules) {
        const expected = expectedBy(rule);
        const property = schema.properties[rule.propertyName];
        if (!expected || !property) continue;
        checked++;
        const documented = rule.each ? (property.items ?? {}) : property;
        for (const [key, value] of Object.entries(expected)) {
          const actual =
            key === 'type' && Array.isArray(documented.type)
              ? documented.type.filter((t) => t !== 'null').join()
              : documented[key as keyof Schema];
          if (JSON.stringify(actual) !== JSON.stringify(value)) {
            mismatches.push(
              `${target.name}.${rule.propertyName}: ${key} ${JSON.stringify(actual)}, validation says ${JSON.stringify(value)}`,
            );
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(unmatchedQueries).toEqual([]);
    expect(mismatches).toEqual([]);
  });
});
