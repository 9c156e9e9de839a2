import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../testing/test-app';

interface Schema {
  type?: string;
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

describe('the OpenAPI document says what validation enforces', () => {
  let test: TestApp;
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    test = await createTestApp();
    const doc = (await request(test.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    schemas = doc.components.schemas;
  });
  afterAll(() => test.close());

  it('documents every integer, bound, pattern and choice of every request body', () => {
    const storage = getMetadataStorage() as unknown as {
      // Not public API, but the one list of every rule of every class; the test fails loudly if it moves.
      validationMetadatas: Map<{ name: string }, ValidationMetadata[]>;
    };
    const mismatches: string[] = [];
    let checked = 0;
    for (const [target, rules] of storage.validationMetadatas) {
      const schema = schemas[target.name];
      if (!schema?.properties) continue;
      for (const rule of rules) {
        const expected = expectedBy(rule);
        const property = schema.properties[rule.propertyName];
        if (!expected || !property) continue;
        checked++;
        const documented = rule.each ? (property.items ?? {}) : property;
        for (const [key, value] of Object.entries(expected)) {
          const actual = documented[key as keyof Schema];
          if (JSON.stringify(actual) !== JSON.stringify(value)) {
            mismatches.push(
              `${target.name}.${rule.propertyName}: ${key} ${JSON.stringify(actual)}, validation says ${JSON.stringify(value)}`,
            );
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(mismatches).toEqual([]);
  });
});
