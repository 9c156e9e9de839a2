/** What a request URL asks of the balancer, by the same rules as the HAProxy frontend's ACLs. */
export interface PodRoute {
  pod: string;
  /** `/<pod>` or `/<pod>/` (routed), or a path under it such as `/<pod>/heavy` (refused: 404). */
  kind: 'pod' | 'subpath';
  /** The query names `scale` (refused: 400, the work size is the pod's setting). */
  asksScale: boolean;
}

/** The pod a request URL addresses (`/<pod>`, `/<pod>/...`, `/<pod>?...`); null for `/` or a malformed URL. */
export function routeOf(url: string): PodRoute | null {
  const match = /^\/([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?/.exec(url);
  if (!match) return null;
  const rest = match[2] ?? '';
  const query = match[3] ?? '';
  return {
    pod: match[1],
    kind: rest === '' || rest === '/' ? 'pod' : 'subpath',
    // As HAProxy's url_param(scale): a parameter named exactly `scale`, with or without a value.
    asksScale: query.split('&').some((pair) => pair.split('=')[0] === 'scale'),
  };
}
