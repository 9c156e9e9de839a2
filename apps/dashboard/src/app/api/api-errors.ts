import { StratoApiError } from '@strato/api-client';

/** The manager refused the token (401 wrong, 403 the agent's): the dashboard asks for it again. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof StratoApiError && (error.status === 401 || error.status === 403);
}

/** One line for the error banner; names the HTTP status when the manager did answer. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof StratoApiError)) return error instanceof Error ? error.message : String(error);
  const status = String(error.status);
  // Without a house error body, `unwrap` falls back to the status line ("502 Bad Gateway", or "502 ").
  const message = error.message.trim();
  return message.startsWith(status)
    ? `the manager answered ${message}`
    : `the manager answered ${status}: ${message}`;
}
