import type { Command } from 'commander';
import type { ContextFactory } from '../context';

/** Every command path of the program, for shell completion: `pod ls`, `node logs`, … */
export function commandWords(program: Command): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const visit = (command: Command, path: string) => {
    const children = command.commands.map((c) => c.name());
    words.set(path, [
      ...children,
      ...command.options.map((o) => o.long).filter((o): o is string => Boolean(o)),
    ]);
    for (const child of command.commands) visit(child, path ? `${path} ${child.name()}` : child.name());
  };
  visit(program, '');
  return words;
}

export function bashCompletion(program: Command): string {
  const cases = [...commandWords(program)]
    .map(([path, words]) => `    "${path}") words="${words.join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for cloud: eval "$(cloud completion)"
_cloud() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) path="\${path:+$path }\${COMP_WORDS[i]}" ;; esac
  done
  local words=""
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _cloud cloud
`;
}

export function registerCompletionCommand(program: Command, context: ContextFactory): void {
  program
    .command('completion')
    .description('print the bash completion script: eval "$(cloud completion)"')
    .action((_options, command: Command) => {
      context(command).output.out(bashCompletion(command.parent as Command).trimEnd());
    });
}
