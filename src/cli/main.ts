/**
 * The command line: parses flags with commander, runs one library call per command, renders
 * the result, and turns every outcome into the documented exit code. Only this folder prints.
 */
import { createRequire } from 'node:module';
import { needsMatch } from '../audit/match.js';
import type { RunLock } from '../run/lock.js';
import { Command, CommanderError, Help, Option } from 'commander';
import { isAuditError, wrapFsError, wrapSqliteError } from '../errors.js';
import {
  commanderErrorText,
  ERROR_WORD,
  formatError,
  HELP_TITLES,
  helpTexts,
  type Lang,
  localizeOptionExtras,
  localizeUsage,
  MSG,
} from '../i18n/index.js';
import { registerImport } from './commands/import.js';
import { registerInspect } from './commands/inspect.js';
import { registerMatch } from './commands/match.js';
import { registerReview } from './commands/review.js';
import { registerDecide } from './commands/decide.js';
import { registerExplain } from './commands/explain.js';
import { registerDecisions } from './commands/decisions.js';
import { registerReport } from './commands/report.js';
import { registerUnits } from './commands/units.js';
import { registerDiff } from './commands/diff.js';
import { registerRun } from './commands/run.js';
import { registerRuns } from './commands/runs.js';
import { registerDoctor } from './commands/doctor.js';
import { registerImports } from './commands/imports.js';
import type { CommandEnv, RegisterCommand } from './command.js';
import { Ctx, type CliIO, type GlobalOptions } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

/**
 * Output streams whose reader went away (`report … | head -1`): writing to them fails with EPIPE,
 * which is no error of the command. Their later writes are dropped, the command finishes as it
 * would have and exits with its own code; no stack trace, no crash.
 */
const closedStreams = new Set<NodeJS.WriteStream>();
function guardPipe(stream: NodeJS.WriteStream): (s: string) => void {
  if (stream.listenerCount('error') === 0) stream.on('error', () => closedStreams.add(stream));
  return (s) => {
    if (!closedStreams.has(stream)) stream.write(s);
  };
}

/** The default IO: the real process. */
export function processIO(): CliIO {
  return {
    stdout: guardPipe(process.stdout),
    stderr: guardPipe(process.stderr),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}

/** The language before commander runs, so help and errors are already in it. */
function preScanLang(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && argv[i + 1]) return argv[i + 1]!;
    if (argv[i]!.startsWith('--lang=')) return argv[i]!.slice('--lang='.length);
  }
  return env.MOTCUA_AUDIT_LANG ?? 'vi';
}

/** Runs the CLI with `argv` (as process.argv: node, script, args…). Resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const rawLang = preScanLang(argv.slice(2), io.env);
  const lang: Lang = rawLang === 'en' ? 'en' : 'vi';
  const debug = argv.includes('--debug');
  if (rawLang !== 'vi' && rawLang !== 'en') {
    io.stderr(`${ERROR_WORD[lang]}: --lang: vi | en (${rawLang})\n`);
    return EXIT.USAGE;
  }
  const t = helpTexts(lang);
  let exitCode: number = EXIT.OK;
  const setExit = (code: number) => {
    // An unreadable input (3) wins over findings (1); keep the most serious.
    if (code === EXIT.INPUT || (code !== EXIT.OK && exitCode === EXIT.OK)) exitCode = code;
  };

  const program = new Command('motcua-audit');
  /** The code of the error commander is about to write (it writes the sentence, then throws with the code). */
  let commanderCode: string | undefined;
  program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(commanderErrorText(s, commanderCode, lang)),
    })
    .configureHelp({
      styleTitle: (s) => HELP_TITLES[lang][s] ?? s,
      sortSubcommands: false,
      commandUsage(this: Help, cmd: Command) {
        const usage = Help.prototype.commandUsage.call(this, cmd);
        return localizeUsage(usage, lang);
      },
      subcommandTerm(this: Help, cmd: Command) {
        const term = Help.prototype.subcommandTerm.call(this, cmd);
        return localizeUsage(term, lang);
      },
      optionDescription(this: Help, option: Option) {
        return localizeOptionExtras(Help.prototype.optionDescription.call(this, option), lang);
      },
    })
    .description(t.program)
    .version(VERSION, '-V, --version', t.version)
    .helpOption('-h, --help', t.help)
    .helpCommand(false)
    .option('--db <path>', t.db)
    .addOption(new Option('--lang <lang>', t.lang).choices(['vi', 'en']).default('vi'))
    .option('--quiet', t.quiet, false)
    .option('--no-color', t.noColor)
    .option('--debug', t.debug, false)
    .showHelpAfterError(false);

  let ctx: Ctx | null = null;
  const getCtx = () => {
    if (ctx) return ctx;
    const o = program.opts<{ db?: string; quiet: boolean; color: boolean; debug: boolean }>();
    const opts: GlobalOptions = {
      db: o.db ?? io.env.MOTCUA_AUDIT_DB ?? './motcua-audit.sqlite',
      lang,
      quiet: o.quiet,
      color: o.color,
      debug: o.debug,
    };
    ctx = new Ctx(io, opts);
    return ctx;
  };
  const env: CommandEnv = { lang, ctx: getCtx, setExit };
  for (const register of COMMANDS) register(program, env);
  // Help is `--help` everywhere; commander's implicit "help [command]" line would be English.
  const noHelpCommand = (c: Command): void => {
    c.helpCommand(false);
    c.commands.forEach(noHelpCommand);
  };
  noHelpCommand(program);
  // commander's errors are written in the user's language by their code (see commanderErrorText).
  const withErrorCode = (c: Command): void => {
    const error = c.error.bind(c);
    c.error = (message, options) => {
      commanderCode = options?.code;
      return error(message, options);
    };
    c.commands.forEach(withErrorCode);
  };
  withErrorCode(program);
  for (const cmd of program.commands) {
    cmd.helpOption('-h, --help', t.help);
    for (const sub of cmd.commands) sub.helpOption('-h, --help', t.help);
  }

  // Commands that write take the run lock for their whole action, as `run` does (report, review
  // and explain only when they have to match again first); released however the action ends.
  let lock: RunLock | null = null;
  program.hook('preAction', async (_root, action) => {
    const name = [action.parent?.parent ? action.parent.name() : '', action.name()].filter(Boolean).join(' ');
    if (WRITE_COMMANDS.has(name)) lock = await getCtx().takeWriteLock();
    else if (MATCHING_READERS.has(name) && needsMatch(getCtx().opts.db)) {
      try {
        lock = await getCtx().takeWriteLock();
      } catch (e) {
        // A folder nobody here can write: the report reads (and matches) a private copy, no lock needed.
        if (!(isAuditError(e) && e.code === 'DB_READONLY')) throw e;
      }
    }
  });

  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (caught) {
    // A SQLite condition (read-only, disk full, locked, damaged) reaching here from any command
    // is an operational error with its exit code, not a bug.
    const dbFile = (ctx as Ctx | null)?.opts.db;
    const e = wrapFsError(dbFile ? wrapSqliteError(caught, dbFile) : caught);
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT.OK;
      if (e.code === 'commander.executeSubCommandAsync') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (isAuditError(e)) {
      io.stderr(`${ERROR_WORD[lang]}: ${formatError(e, lang)}\n`);
      if (debug && e.stack)
        io.stderr(`${e.stack}\n${e.cause instanceof Error && e.cause.stack ? `caused by: ${e.cause.stack}\n` : ''}`);
      return exitCodeFor(e.code, e.params);
    }
    io.stderr(
      `${ERROR_WORD[lang]}: ${MSG[lang].internal}${e instanceof Error ? ` (${e.message.split('\n')[0]})` : ''}\n`,
    );
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT.INTERNAL;
  } finally {
    (lock as RunLock | null)?.release();
  }
}

/** Every command, registered the same way, in the order of the help's command list. */
const COMMANDS: readonly RegisterCommand[] = [
  registerUnits,
  registerImport,
  registerImports,
  registerMatch,
  registerReview,
  registerDecide,
  registerExplain,
  registerDecisions,
  registerReport,
  registerInspect,
  registerRun,
  registerRuns,
  registerDiff,
  registerDoctor,
];

/** Commands that write the database. */
const WRITE_COMMANDS = new Set([
  'units import',
  'import system',
  'import paper',
  'match',
  'decide',
  'decisions import',
]);
/** Commands that read, but match first (and store the matches) when imports came since the last match. */
const MATCHING_READERS = new Set(['report', 'review', 'explain']);
