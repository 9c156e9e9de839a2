import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.config/strato` (or $STRATO_CONFIG_DIR): where `cloud login` keeps the manager URL and the token. */
export function configDir(env: Record<string, string | undefined> = process.env): string {
  return env['STRATO_CONFIG_DIR'] ?? join(env['HOME'] ?? homedir(), '.config/strato');
}

export function savedUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const file = join(configDir(env), 'config.json');
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { url?: string }).url;
  } catch {
    return undefined;
  }
}

/** Writes the URL (0644) and the token (0600); the token never goes into the JSON file. */
export function saveLogin(
  url: string,
  token: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify({ url }, null, 2)}\n`);
  const tokenFile = join(dir, 'owner-token');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
  return dir;
}
