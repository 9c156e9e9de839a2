import { Transform } from 'class-transformer';

/** A number from a query string; an empty value (`?offset=`) stays invalid instead of becoming 0. */
export const QueryNumber = (): PropertyDecorator =>
  Transform(({ value }) => (value === '' ? Number.NaN : Number(value)));
