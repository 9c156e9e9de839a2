/**
 * The pod a request URL addresses: `/<pod>`, `/<pod>/...` or `/<pod>?...` (the same rule as the HAProxy
 * frontend's `path` / `path_beg` ACLs); null for `/` or a malformed URL.
 */
export function podFromUrl(url: string): string | null {
  const match = /^\/([^/?#]+)(?:[/?#]|$)/.exec(url);
  return match ? match[1] : null;
}
