/**
 * The agent answered a job-attempt call with a 4xx: the node does not run (409), is unknown (404), lacks the
 * script's interpreter (422), or the request was malformed (400). Not an unreachable agent: the attempt did
 * not start there, so the dispatcher ends it as StartFailed rather than NodeLost.
 */
export class AgentJobRejectedError extends Error {
  readonly code = 'AGENT_JOB_REJECTED';
  override readonly name = 'AgentJobRejectedError';

  constructor(
    readonly status: number,
    readonly nodeId: string,
    message: string,
  ) {
    super(`agent refused the job attempt on node ${nodeId} (${status}): ${message}`);
  }
}
