import { labelMapProblem } from '@strato/contracts';
import { ValidateBy } from 'class-validator';

/** An object of label names to values (see labelMapProblem), with the problem named in the 400. */
export const IsLabelMap = (): PropertyDecorator =>
  ValidateBy({
    name: 'isLabelMap',
    validator: {
      validate: (value: unknown) => labelMapProblem(value) === undefined,
      defaultMessage: (args) => `${args?.property ?? 'labels'} ${labelMapProblem(args?.value) ?? ''}`.trim(),
    },
  });
