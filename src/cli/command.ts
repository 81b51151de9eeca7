/** How every command is registered: one shape for all of src/cli/commands (RegisterCommand, addCommand). */
import type { Command } from 'commander';
import type { Lang } from '../i18n/index.js';
import type { Ctx } from './context.js';

/** What a command's registration gets: the language of its help texts, the command context, the exit code. */
export interface CommandEnv {
  /** The language help texts and messages are written in (given, never guessed from a table). */
  lang: Lang;
  /** The command context, made on first use (after commander has parsed the global options). */
  ctx: () => Ctx;
  /** Raises the process's exit code (the most serious one wins). */
  setExit: (code: number) => void;
}

/** Registers one command (or command group) on the program, its texts from src/i18n in `env.lang`. */
export type RegisterCommand = (program: Command, env: CommandEnv) => void;

/**
 * An option: `[flags, description]` or `[flags, description, default]`; a required one or one with a parser as an
 * object.
 */
export type OptionSpec =
  | readonly [flags: string, description: string]
  | readonly [flags: string, description: string, defaultValue: string | boolean]
  | { flags: string; description: string; required: true }
  | { flags: string; description: string; parse: (value: string, previous: string[] | undefined) => string[] };

/** A command as every command declares it: its name, its description from src/i18n, its arguments and options. */
export interface CommandSpec {
  name: string;
  /** The command run when its group is given alone (`decisions` = `decisions list`). */
  isDefault?: true;
  description: string;
  arguments?: ReadonlyArray<readonly [name: string, description: string]>;
  options?: readonly OptionSpec[];
}

/** Adds the command `spec` (or a command group) to `parent`; the caller attaches its `.action()`. */
export function addCommand(parent: Command, spec: CommandSpec): Command {
  const cmd = parent.command(spec.name, { isDefault: spec.isDefault }).description(spec.description);
  for (const [name, description] of spec.arguments ?? []) cmd.argument(name, description);
  for (const o of spec.options ?? []) {
    if (!('flags' in o)) {
      if (o.length === 3) cmd.option(o[0], o[1], o[2]);
      else cmd.option(o[0], o[1]);
    } else if ('required' in o) cmd.requiredOption(o.flags, o.description);
    else cmd.option(o.flags, o.description, o.parse);
  }
  return cmd;
}
