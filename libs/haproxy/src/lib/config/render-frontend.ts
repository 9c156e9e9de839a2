import { podPausedBody, podSubpathBody, scaleRefusedBody, unknownPathBody } from '@strato/contracts';
import { renderAccessLogSampling } from './access-log-sampling';
import {
  backendName,
  FRONTEND_NAME,
  UNKNOWN_PATH_BACKEND,
  type HaproxyConfigModel,
} from './haproxy-config-model';
import { jsonResponse } from './json-responses';

/**
 * One frontend; `/<pod>` and `/<pod>/` (with any query but `scale`) go to `be_<pod>` (`path` excludes the
 * query string). A pod runs its own job: `/<pod>/<more>` is a 404 and `?scale=` a 400, both JSON.
 * `http-request` rules run before `use_backend`, so a paused pod answers 503 without reaching its
 * backend (which keeps its servers).
 */
export function renderFrontend(model: HaproxyConfigModel): string[] {
  const lines = [`frontend ${FRONTEND_NAME}`, `  bind ${model.bind.host}:${model.bind.port}`];
  const sampling = model.accessLogRing
    ? renderAccessLogSampling(model.pods, podAcl, model.accessLogLinesPerSecondPerPod)
    : null;
  lines.push(...(sampling?.silenceAll ?? []));
  for (const pod of model.pods) {
    lines.push(
      `  acl ${podAcl(pod.name)} path /${pod.name} /${pod.name}/`,
      `  acl ${subpathAcl(pod.name)} path_beg /${pod.name}/`,
    );
  }
  // Not url_param(scale): it misses a bare `?scale` without a value.
  if (model.pods.length > 0) lines.push("  acl asks_scale query -m reg '(^|&)scale(=|&|$)'");
  for (const pod of model.pods) {
    const name = pod.name;
    lines.push(
      `  ${jsonResponse('http-request return', 404, podSubpathBody(name))} if ${subpathAcl(name)} !${podAcl(name)}`,
      `  ${jsonResponse('http-request return', 400, scaleRefusedBody(name))} if ${podAcl(name)} asks_scale`,
    );
  }
  for (const pod of model.pods.filter((p) => p.paused)) {
    lines.push(
      `  ${jsonResponse('http-request return', 503, podPausedBody(pod.name))} if ${podAcl(pod.name)}`,
    );
  }
  lines.push(...(sampling?.keepSample ?? []));
  for (const pod of model.pods) lines.push(`  use_backend ${backendName(pod.name)} if ${podAcl(pod.name)}`);
  lines.push(`  default_backend ${UNKNOWN_PATH_BACKEND}`);
  return lines;
}

export function renderUnknownPathBackend(model: HaproxyConfigModel): string[] {
  const body = unknownPathBody(model.pods.map((pod) => `/${pod.name}`));
  return [`backend ${UNKNOWN_PATH_BACKEND}`, `  ${jsonResponse('http-request return', 404, body)}`];
}

const podAcl = (pod: string): string => `is_pod_${pod}`;
const subpathAcl = (pod: string): string => `under_pod_${pod}`;
