import { podPausedBody, unknownPathBody } from '@strato/contracts';
import {
  ACCESS_LOG_SAMPLING,
  backendName,
  FRONTEND_NAME,
  UNKNOWN_PATH_BACKEND,
  type HaproxyConfigModel,
} from './haproxy-config-model';
import { jsonResponse } from './json-responses';

/**
 * One frontend; `/<pod>`, `/<pod>/...` and `/<pod>?...` go to `be_<pod>` (`path` excludes the query
 * string). `http-request` rules run before `use_backend`, so a paused pod answers 503 without reaching
 * its backend (which keeps its servers).
 */
export function renderFrontend(model: HaproxyConfigModel): string[] {
  const lines = [`frontend ${FRONTEND_NAME}`, `  bind ${model.bind.host}:${model.bind.port}`];
  if (model.accessLogRing) {
    // Above the rate, a random 1 in N is logged: percentiles stay unbiased, and whoever reads the log
    // handles at most ~rate/N lines a second (measured: 0.1 core for every line at 18k req/s, 2 cores).
    const { aboveRequestsPerSecond: rate, keepOneIn } = ACCESS_LOG_SAMPLING;
    lines.push(
      `  http-request set-log-level silent if { fe_req_rate gt ${rate} } { rand(${keepOneIn}) gt 0 }`,
    );
  }
  for (const pod of model.pods) {
    lines.push(
      `  acl ${podAcl(pod.name)} path /${pod.name}`,
      `  acl ${podAcl(pod.name)} path_beg /${pod.name}/`,
    );
  }
  for (const pod of model.pods.filter((p) => p.paused)) {
    lines.push(
      `  ${jsonResponse('http-request return', 503, podPausedBody(pod.name))} if ${podAcl(pod.name)}`,
    );
  }
  for (const pod of model.pods) lines.push(`  use_backend ${backendName(pod.name)} if ${podAcl(pod.name)}`);
  lines.push(`  default_backend ${UNKNOWN_PATH_BACKEND}`);
  return lines;
}

export function renderUnknownPathBackend(model: HaproxyConfigModel): string[] {
  const body = unknownPathBody(model.pods.map((pod) => `/${pod.name}`));
  return [`backend ${UNKNOWN_PATH_BACKEND}`, `  ${jsonResponse('http-request return', 404, body)}`];
}

const podAcl = (pod: string): string => `is_pod_${pod}`;
