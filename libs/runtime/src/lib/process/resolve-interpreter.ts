import { SCRIPT_INTERPRETERS, type ScriptInterpreter } from '@strato/contracts';
import { access, constants } from 'node:fs/promises';
import { InterpreterUnavailableError } from '../errors/interpreter-unavailable.error';
import { INTERPRETER_PATHS } from '../jobs/job-argv';

export type InterpreterPaths = Partial<Record<ScriptInterpreter, readonly string[]>>;

function candidatesFor(
  interpreter: ScriptInterpreter,
  nodeBinary: string,
  overrides: InterpreterPaths,
): readonly string[] {
  return overrides[interpreter] ?? (interpreter === 'node' ? [nodeBinary] : INTERPRETER_PATHS[interpreter]);
}

async function firstExecutable(candidates: readonly string[]): Promise<string | undefined> {
  for (const path of candidates) {
    if (
      await access(path, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return undefined;
}

/** The first executable candidate of the interpreter on this host; node is the runtime's own binary. */
export async function resolveHostInterpreter(
  interpreter: ScriptInterpreter,
  nodeId: string,
  nodeBinary: string,
  overrides: InterpreterPaths = {},
): Promise<string> {
  const candidates = candidatesFor(interpreter, nodeBinary, overrides);
  const found = await firstExecutable(candidates);
  if (found === undefined) throw new InterpreterUnavailableError(interpreter, nodeId, candidates);
  return found;
}

/** The interpreters resolveHostInterpreter finds on this host, in SCRIPT_INTERPRETERS order. */
export async function hostInterpreters(
  nodeBinary: string,
  overrides: InterpreterPaths = {},
): Promise<ScriptInterpreter[]> {
  const found = await Promise.all(
    SCRIPT_INTERPRETERS.map(
      async (interpreter) =>
        (await firstExecutable(candidatesFor(interpreter, nodeBinary, overrides))) !== undefined,
    ),
  );
  return SCRIPT_INTERPRETERS.filter((_, i) => found[i]);
}
