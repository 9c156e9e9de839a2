import { StratoApiError } from '@strato/api-client';
import { formProblems } from './elasticity-field-errors';

const fields = ['kind', 'metric', 'lower', 'upper', 'minNodes', 'maxNodes'];
const refusal = (status: number, body: object) =>
  new StratoApiError(status, String((body as { message?: unknown }).message), body);

describe('formProblems', () => {
  it('puts each detail of the house 400 on its field', () => {
    const error = refusal(400, {
      statusCode: 400,
      message: 'lower: lower must not be less than 0; maxNodes: maxNodes must be an integer number',
      details: [
        { field: 'lower', reason: 'lower must not be less than 0' },
        { field: 'maxNodes', reason: 'maxNodes must be an integer number' },
      ],
    });
    expect(formProblems(error, fields)).toEqual({
      fields: { lower: 'lower must not be less than 0', maxNodes: 'maxNodes must be an integer number' },
      general: null,
    });
  });

  it('reads the field from each message of a stock class-validator 400', () => {
    const error = refusal(400, {
      statusCode: 400,
      message: ['upper must be a number', 'foo should not exist'],
    });
    expect(formProblems(error, fields)).toEqual({
      fields: { upper: 'upper must be a number' },
      general: 'foo should not exist',
    });
  });

  it('puts a 422 on the field its message starts with, or above the form', () => {
    const onField = refusal(422, { message: "maxNodes 30 is above pod light's limit of 20 nodes" });
    expect(formProblems(onField, fields).fields).toEqual({
      maxNodes: "maxNodes 30 is above pod light's limit of 20 nodes",
    });
    const nested = refusal(422, { message: 'scaleUpLimit.percent must be >= 0, got -1' });
    expect(formProblems(nested, fields)).toEqual({
      fields: {},
      general: 'scaleUpLimit.percent must be >= 0, got -1',
    });
  });

  it('keeps a field the form does not show above the form, named', () => {
    const error = refusal(400, { message: 'x', details: [{ field: 'target', reason: 'must be a number' }] });
    expect(formProblems(error, fields)).toEqual({ fields: {}, general: 'target: must be a number' });
  });

  it('puts any other failure above the form, in the manager’s words', () => {
    const error = refusal(503, { message: 'the store is locked' });
    expect(formProblems(error, fields)).toEqual({ fields: {}, general: 'the store is locked' });
    expect(formProblems(new TypeError('Failed to fetch'), fields).general).toBe('Failed to fetch');
    expect(formProblems(refusal(400, { message: 'x', details: [] }), fields).general).toBe('x');
  });
});
