import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but not sent as null: class-validator's @IsOptional() lets null through
 * too, and it would reach the services as a value.
 */
export const MayBeOmitted = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** The field must be sent, and may be null (a node exit without a code or signal). */
export const Nullable = (): PropertyDecorator => ValidateIf((_, value) => value !== null);
