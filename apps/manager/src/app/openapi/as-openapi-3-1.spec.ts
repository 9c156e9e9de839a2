import type { OpenAPIObject } from '@nestjs/swagger';
import { asOpenApi31 } from './as-openapi-3-1';

const LATENCY = { $ref: '#/components/schemas/LatencyDto' };

/** A document whose one component schema has the given property, converted; the property as it ends up. */
function converted(property: Record<string, unknown>): unknown {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas: { Dto: { type: 'object', properties: { field: property } } } },
  } as unknown as OpenAPIObject;
  const out = asOpenApi31(document) as unknown as {
    openapi: string;
    components: { schemas: { Dto: { properties: { field: unknown } } } };
  };
  expect(out.openapi).toBe('3.1.0');
  return out.components.schemas.Dto.properties.field;
}

describe('OpenAPI 3.1 from the 3.0 that Nest writes: `nullable` and exclusive bounds', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'a string',
      { type: 'string', nullable: true, example: null },
      { type: ['string', 'null'], example: null },
    ],
    [
      'an integer keeps its bounds',
      { type: 'integer', nullable: true, minimum: 1 },
      { type: ['integer', 'null'], minimum: 1 },
    ],
    [
      'a choice admits null',
      { type: 'string', nullable: true, enum: ['a'] },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      'a nested DTO (allOf) becomes a choice of it or null',
      { type: 'object', nullable: true, description: 'd', allOf: [LATENCY] },
      { description: 'd', oneOf: [LATENCY, { type: 'null' }] },
    ],
    [
      'other compositions keep what they say, or null',
      { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }] },
      { anyOf: [{ oneOf: [{ type: 'string' }, { type: 'number' }] }, { type: 'null' }] },
    ],
    ['no constraint at all stays unconstrained', { nullable: true, description: 'd' }, { description: 'd' }],
    [
      'inside array items',
      { type: 'array', items: { type: 'number', nullable: true } },
      { type: 'array', items: { type: ['number', 'null'] } },
    ],
    [
      'inside nested properties, examples left as they are',
      { type: 'object', example: { nullable: true }, properties: { x: { type: 'string', nullable: true } } },
      { type: 'object', example: { nullable: true }, properties: { x: { type: ['string', 'null'] } } },
    ],
    ['not nullable: unchanged', { type: 'string', example: 'x' }, { type: 'string', example: 'x' }],
    [
      'an exclusive minimum is the bound itself',
      { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 8 },
      { type: 'number', exclusiveMinimum: 0, maximum: 8 },
    ],
    [
      'a bound said not exclusive is inclusive',
      { type: 'number', exclusiveMaximum: false, maximum: 8 },
      { type: 'number', maximum: 8 },
    ],
  ])('%s', (_, property, expected) => {
    expect(converted(property)).toEqual(expected);
  });

  it('converts the schemas of parameters, bodies and responses too', () => {
    const nullable = { type: 'string', nullable: true };
    const content = { content: { 'application/json': { schema: nullable } } };
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          get: {
            parameters: [{ name: 'q', in: 'query', schema: nullable }],
            requestBody: content,
            responses: { '200': content },
          },
        },
      },
    } as unknown as OpenAPIObject;
    const text = JSON.stringify(asOpenApi31(document));
    expect(text).not.toContain('nullable');
    expect(text.match(/\["string","null"\]/g)).toHaveLength(3);
  });
});
