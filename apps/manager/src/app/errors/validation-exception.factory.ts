import { BadRequestException, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  reason: string;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** 400 with every field and its reason, e.g. `name: name must match /^[a-z0-9]…/`. */
export function validationExceptionFactory(errors: ValidationError[]): BadRequestException {
  const details = flatten(errors);
  const message = details.map((d) => `${d.field}: ${d.reason}`).join('; ');
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, details });
}
