import {
  BATCH_WORKLOADS,
  type BatchJobSpec,
  type BatchWorkloadName,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  type WorkloadParam,
} from '@strato/contracts';
import { InvalidJobError } from './job-errors';
import type { RetryPolicyChangeDto } from './retry-policy.dto';
import type { SubmitJobDto, WorkloadRequestDto } from './submit-job.dto';

function checkedParam(field: string, param: WorkloadParam, value: number): number {
  if (param.integer && !Number.isInteger(value)) throw new InvalidJobError(field, 'must be an integer');
  if (value < param.min || value > param.max)
    throw new InvalidJobError(field, `must be in [${param.min}, ${param.max}], got ${value}`);
  return value;
}

/** The workload's parameters, each checked against the catalogue, defaults filled in. */
function workloadParams(request: WorkloadRequestDto): Record<string, number> {
  const catalogue: Record<string, WorkloadParam> = BATCH_WORKLOADS[request.name as BatchWorkloadName].params;
  const given = request.params ?? {};
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(catalogue, name));
  if (unknown.length > 0) {
    const known = Object.keys(catalogue);
    throw new InvalidJobError(
      `workload.params.${unknown[0]}`,
      `workload ${request.name} takes ${known.length > 0 ? `only ${known.join(', ')}` : 'no parameters'}`,
    );
  }
  return Object.fromEntries(
    Object.entries(catalogue).map(([name, param]) => [
      name,
      name in given ? checkedParam(`workload.params.${name}`, param, given[name]) : param.default,
    ]),
  );
}

/** What to run: exactly one of a catalogue workload and a script. */
export function jobSpecOf(body: SubmitJobDto): BatchJobSpec {
  if (body.workload && body.script)
    throw new InvalidJobError('workload', 'give either workload or script, not both');
  if (body.workload)
    return { kind: 'workload', workload: body.workload.name, params: workloadParams(body.workload) };
  if (body.script) {
    const { interpreter, source, args, env } = body.script;
    return { kind: 'script', interpreter, source, args: args ?? [], env: env ?? {} };
  }
  throw new InvalidJobError(
    'workload',
    `give a workload (one of ${Object.keys(BATCH_WORKLOADS).join(', ')}) or a script`,
  );
}

/** The default policy with what the owner changed; every rule must say what it matches. */
export function retryPolicyOf(change: RetryPolicyChangeDto | undefined): RetryPolicy {
  const rules = (change?.rules ?? []).map((rule, i) => {
    if (!rule.onExitCodes?.length && !rule.onReasons?.length)
      throw new InvalidJobError(`retry.rules.${i}`, 'a rule needs onExitCodes or onReasons to match on');
    return {
      ...(rule.onExitCodes?.length ? { onExitCodes: rule.onExitCodes } : {}),
      ...(rule.onReasons?.length ? { onReasons: rule.onReasons } : {}),
      action: rule.action,
    };
  });
  return {
    maxRetries: change?.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    backoffBaseMs: change?.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
    backoffMaxMs: change?.backoffMaxMs ?? DEFAULT_RETRY_POLICY.backoffMaxMs,
    rules,
  };
}
