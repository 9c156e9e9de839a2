import { existsSync, readFileSync } from 'node:fs';

export async function waitForHttp(url, timeoutMs, cancelled = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!cancelled()) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export function tail(file, lines) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Until the manager's health lists at least one agent that answers (it lists them to the owner only). */
export async function waitForAgent(managerUrl, ownerToken, timeoutMs, cancelled = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    const health = await fetch(`${managerUrl}/api/health`, {
      headers: { authorization: `Bearer ${ownerToken}` },
    }).then(
      (r) => r.json(),
      () => undefined,
    );
    if (health?.details?.agents?.answering > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!cancelled()) throw new Error(`no agent registered with ${managerUrl} within ${timeoutMs / 1000} s`);
}
