import { StratoApiError } from '@strato/api-client';
import { messageOf } from './pending-action';

/** A refusal of the elasticity form, split into what goes under a field and what goes above the form. */
export interface FormProblems {
  readonly fields: Readonly<Record<string, string>>;
  readonly general: string | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, general: null };

interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** class-validator's messages, and the elasticity library's, start with the field: "upper must be…". */
function leadingField(text: string): FieldProblem {
  const named = /^([\w.]+):\s*(.*)$/.exec(text);
  if (named) return { field: named[1], reason: named[2] };
  return { field: /^([\w.]+)\s/.exec(text)?.[1] ?? '', reason: text };
}

/**
 * The 400 body is the house one, `message` "lower: lower must not be…; upper: …" with `details`
 * [{ field, reason }] (validation-exception.factory.ts); Nest's stock one has an array of messages.
 * A 422 (InvalidSettingError) has only its message, led by the field it is about.
 */
function problemsIn(error: StratoApiError): FieldProblem[] {
  const body = isRecord(error.body) ? error.body : {};
  if (error.status === 400 && Array.isArray(body['details'])) {
    return body['details']
      .filter(isRecord)
      .map((detail) => ({ field: String(detail['field'] ?? ''), reason: String(detail['reason'] ?? '') }));
  }
  if (error.status === 400 && Array.isArray(body['message']))
    return body['message'].map(String).map(leadingField);
  if (error.status === 400) return error.message.split('; ').map(leadingField);
  return [leadingField(error.message)];
}

/** Puts each problem of a 400 or 422 on the field it names, when the form shows that field. */
export function formProblems(error: unknown, fields: readonly string[]): FormProblems {
  if (error === null) return NO_PROBLEMS;
  if (!(error instanceof StratoApiError) || (error.status !== 400 && error.status !== 422)) {
    return { fields: {}, general: messageOf(error) };
  }
  const problems = problemsIn(error);
  if (problems.length === 0) return { fields: {}, general: messageOf(error) };
  const onFields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const { field, reason } of problems) {
    if (fields.includes(field)) onFields[field] = onFields[field] ? `${onFields[field]}; ${reason}` : reason;
    else elsewhere.push(field && !reason.startsWith(field) ? `${field}: ${reason}` : reason);
  }
  return { fields: onFields, general: elsewhere.length ? elsewhere.join('; ') : null };
}
