import { createStratoClient, type StratoClient, type StratoClientOptions } from '@strato/api-client';
import { cloud, type CliResult } from './cli';
import { type OpenApiDocument, operationsOf } from './openapi-operations';

/** `METHOD /path/{param}` of every operation in the manager's OpenAPI document. */
export async function documentedOperations(managerUrl: string): Promise<string[]> {
  const doc = (await (await fetch(`${managerUrl}/api/docs-json`)).json()) as OpenApiDocument;
  return operationsOf(doc)
    .map((op) => `${op.method} ${op.path}`)
    .sort();
}

/** A generated client that notes every operation it calls, by method and path template. */
export function recordingClient(options: StratoClientOptions, called: Set<string>): StratoClient {
  const client = createStratoClient(options);
  client.use({
    onRequest({ request, schemaPath }) {
      called.add(`${request.method} ${schemaPath}`);
      return undefined;
    },
  });
  return client;
}

function commandsIn(help: string): string[] {
  const section = (help.split(/^Commands:$/m)[1] ?? '').split(/\n\s*\n/)[0];
  return [...section.matchAll(/^ {2}([a-z_]+)/gm)].map((m) => m[1]).filter((name) => name !== 'help');
}

/** Every leaf command of the real `cloud` binary, read from its own --help (e.g. `pod register`). */
export async function cliCommands(env: Record<string, string>): Promise<string[]> {
  const leaves: string[] = [];
  for (const command of commandsIn((await cloud(['--help'], env)).stdout)) {
    const sub = commandsIn((await cloud([command, '--help'], env)).stdout);
    leaves.push(...(sub.length > 0 ? sub.map((s) => `${command} ${s}`) : [command]));
  }
  return leaves.sort();
}

/** The leaf command an argv runs (`['pod', 'ls', '--json']` → `pod ls`), given the groups. */
export function commandOf(args: string[], groups: Set<string>): string {
  const words = args.filter((a) => !a.startsWith('-'));
  return groups.has(words[0]) ? `${words[0]} ${words[1]}` : (words[0] ?? '');
}

export type { CliResult };
