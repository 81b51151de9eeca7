/** How every command is registered: one shape for all of src/cli/commands. */
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
