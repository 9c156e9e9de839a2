import { HaproxyArgumentError } from '../errors';
import { ACCESS_LOG_SAMPLING, backendName, type HaproxyPodConfig } from './haproxy-config-model';

/** Ends every access-log line: the request was one of the N its line stands for (0 or 1: every one). */
export const LOG_ONE_IN_VAR = 'txn.log_one_in';

export interface AccessLogSamplingRules {
  /** Before any `http-request return`: what the frontend answers itself is no served request. */
  silenceAll: string[];
  /** After the returns, before routing. */
  keepSample: string[];
}

/**
 * Each pod's requests are logged 1 in floor(rate / L) (`be_sess_rate` counts every request routed to
 * the backend), so a busy pod writes L to 2L lines a second and a quiet one every request. The reader
 * weighs each line by that N, which keeps the percentiles unbiased while the rate (and N) changes.
 * `rand,mod(var)` fails for a request without the variable (no pod): it stays silent.
 */
export function renderAccessLogSampling(
  pods: readonly HaproxyPodConfig[],
  podAcl: (pod: string) => string,
  perSecond: number = ACCESS_LOG_SAMPLING.linesPerSecondPerPod,
): AccessLogSamplingRules {
  if (!Number.isSafeInteger(perSecond) || perSecond < 1)
    throw new HaproxyArgumentError(
      `access-log lines per second must be a positive integer, got ${perSecond}`,
    );
  return {
    silenceAll: ['  http-request set-log-level silent'],
    keepSample: [
      ...pods.map(
        ({ name }) =>
          `  http-request set-var(${LOG_ONE_IN_VAR}) be_sess_rate(${backendName(name)}),div(${perSecond}) if ${podAcl(name)}`,
      ),
      `  http-request set-log-level info if { rand,mod(${LOG_ONE_IN_VAR}) eq 0 }`,
    ],
  };
}
