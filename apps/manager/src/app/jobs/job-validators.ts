import { RESERVED_ENV_PREFIX } from '@strato/contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object whose values are all finite numbers (a workload's parameters). */
export const IsNumberMap = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNumberMap',
      validator: {
        validate: (value) =>
          isPlainObject(value) &&
          Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v)),
        defaultMessage: (args) => `${args?.property} must be an object of numbers, e.g. {"scale": 2}`,
      },
    },
    options,
  );

export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Environment variables: names a shell takes, not the reserved STRATO_ ones, string values. */
export const IsEnvironment = (maxEntries: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isEnvironment',
      validator: {
        validate: (value) =>
          isPlainObject(value) &&
          Object.keys(value).length <= maxEntries &&
          Object.entries(value).every(
            ([name, v]) =>
              ENV_NAME_PATTERN.test(name) && !name.startsWith(RESERVED_ENV_PREFIX) && typeof v === 'string',
          ),
        defaultMessage: (args) =>
          `${args?.property} must be an object of at most ${maxEntries} string values named like ` +
          `${ENV_NAME_PATTERN.source}, none starting with ${RESERVED_ENV_PREFIX} (reserved)`,
      },
    },
    options,
  );

/** At most `max` bytes once UTF-8 encoded (a string's length counts UTF-16 units, not bytes). */
export const MaxUtf8Bytes = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxUtf8Bytes',
      validator: {
        validate: (value) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
        defaultMessage: (args) =>
          `${args?.property} is ${typeof args?.value === 'string' ? Buffer.byteLength(args.value, 'utf8') : '?'} bytes, over the limit of ${max} bytes (${max / 1024} KiB)`,
      },
    },
    options,
  );
