import type { ScriptInterpreter } from '@strato/contracts';
import { access, constants } from 'node:fs/promises';
import { InterpreterUnavailableError } from '../errors/interpreter-unavailable.error';
import { INTERPRETER_PATHS } from '../jobs/job-argv';

export type InterpreterPaths = Partial<Record<ScriptInterpreter, readonly string[]>>;

/** The first executable candidate of the interpreter on this host; node is the runtime's own binary. */
export async function resolveHostInterpreter(
  interpreter: ScriptInterpreter,
  nodeId: string,
  nodeBinary: string,
  overrides: InterpreterPaths = {},
): Promise<string> {
  const candidates =
    overrides[interpreter] ?? (interpreter === 'node' ? [nodeBinary] : INTERPRETER_PATHS[interpreter]);
  for (const path of candidates) {
    if (
      await access(path, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  throw new InterpreterUnavailableError(interpreter, nodeId, candidates);
}
