/**
 * Every process of an attempt inherits this variable, with the attempt's id as its value; those that left
 * the attempt's process group (a daemon's setsid, a `detached` spawn) keep it too, so a kill finds them by it.
 * A process that clears its own environment escapes it: nothing short of a cgroup per attempt catches that.
 */
export const ATTEMPT_TAG = 'STRATO_JOB_ATTEMPT_ID';
