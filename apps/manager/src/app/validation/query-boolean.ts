import { Transform } from 'class-transformer';

/** A true/false from a query string: `?force=1` or `?force=maybe` stay invalid instead of meaning false. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
