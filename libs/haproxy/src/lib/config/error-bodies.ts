/** JSON bodies the load balancer answers itself with; the embedded balancer sends the same ones. */
export function podPausedBody(pod: string): string {
  return serviceUnavailable(`pod ${pod} is paused`);
}

export function noOnlineNodeBody(pod: string): string {
  return serviceUnavailable(`pod ${pod} has no online node`);
}

export function unknownPathBody(podPaths: readonly string[]): string {
  const known = podPaths.length > 0 ? podPaths.join(', ') : 'none';
  return JSON.stringify({
    statusCode: 404,
    error: 'Not Found',
    message: `no pod at this path; known pod paths: ${known}`,
    paths: podPaths,
  });
}

function serviceUnavailable(message: string): string {
  return JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message });
}
