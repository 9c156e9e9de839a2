/** HAProxy time format: whole seconds as `Ns`, anything else as `Nms`. */
export function haproxyDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
