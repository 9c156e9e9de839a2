/**
 * JSON bodies the load balancer answers itself with. HAProxy's rendered config and the embedded
 * balancer send exactly these, so users see one behaviour whichever balancer runs.
 */
export const podPausedBody = (pod: string): string => serviceUnavailable(`pod ${pod} is paused`);

export const noOnlineNodeBody = (pod: string): string => serviceUnavailable(`pod ${pod} has no online node`);

export function unknownPathBody(podPaths: readonly string[]): string {
  const known = podPaths.length > 0 ? podPaths.join(', ') : 'none';
  return JSON.stringify({
    statusCode: 404,
    error: 'Not Found',
    message: `no pod at this path; known pod paths: ${known}`,
    paths: podPaths,
  });
}

export const badGatewayBody = (message: string): string =>
  JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message });

export const gatewayTimeoutBody = (message: string): string =>
  JSON.stringify({ statusCode: 504, error: 'Gateway Timeout', message });

function serviceUnavailable(message: string): string {
  return JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message });
}

/** The pod's queue in the balancer is full (queuePerNode per serving node): come back later. */
export const queueFullBody = (pod: string): string =>
  serviceUnavailable(`pod ${pod} is at capacity: its queue is full; retry after the Retry-After seconds`);

/** `/<pod>/<anything>` through the balancer: a pod runs its own job, the end user does not pick one. */
export const podSubpathBody = (pod: string): string =>
  JSON.stringify({
    statusCode: 404,
    error: 'Not Found',
    message: `pod ${pod} runs its own job at /${pod}; no other path under it`,
  });

/** `?scale=` through the balancer: the work size is the pod's setting. */
export const scaleRefusedBody = (pod: string): string =>
  JSON.stringify({
    statusCode: 400,
    error: 'Bad Request',
    message: `scale: the work size of the job of pod ${pod} is a setting of the pod (job.scale), not a request parameter`,
  });
