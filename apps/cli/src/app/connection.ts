import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configDir, savedUrl } from './cli-config';

export interface Connection {
  url: string;
  token: string | undefined;
  tokenSource: string;
}

export interface ConnectionOptions {
  url?: string;
  token?: string;
}

type Env = Record<string, string | undefined>;

/**
 * Where the manager is and which token to send: flags, then STRATO_URL / STRATO_TOKEN, then the token
 * file (STRATO_TOKEN_FILE, owner-token in STRATO_DATA_DIR or ./data as `npm start` writes it,
 * ~/.config/strato/owner-token as `cloud login` writes it); the URL likewise falls back to the one
 * `cloud login` saved.
 */
export function resolveConnection(
  options: ConnectionOptions,
  env: Env = process.env,
  cwd = process.cwd(),
): Connection {
  const url = options.url ?? env['STRATO_URL'] ?? savedUrl(env) ?? 'http://127.0.0.1:8080';
  if (options.token) return { url, token: options.token, tokenSource: '--token' };
  if (env['STRATO_TOKEN']) return { url, token: env['STRATO_TOKEN'], tokenSource: 'STRATO_TOKEN' };
  const candidates = [
    env['STRATO_TOKEN_FILE'],
    // The data dir npm start was given, the same variable, as its banner promises the CLI finds the token there.
    env['STRATO_DATA_DIR'] ? resolve(cwd, env['STRATO_DATA_DIR'], 'owner-token') : undefined,
    resolve(cwd, 'data/owner-token'),
    join(configDir(env), 'owner-token'),
  ].filter((file): file is string => Boolean(file));
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) return { url, token: undefined, tokenSource: 'none' };
  return { url, token: readFileSync(file, 'utf8').trim(), tokenSource: file };
}
