/**
 * Every sentence a person reads, in Vietnamese (the default) and English: CLI messages, errors,
 * help texts, report labels. This folder imports only core (src/types.ts, src/errors.ts); every
 * other module asks for its sentences here, through this file.
 *
 * How to ask for a sentence: each area keeps one table per language, vi and en side by side, the en
 * table typed as the vi one (`const en: typeof vi`), so a missing or misspelt sentence is a compile
 * error. A sentence is a member of the table of the language in hand, a string or a function of its
 * parameters: `MSG[lang].imported(file, n, skipped)`, `reportLabels(lang).sheet.summary`,
 * `matchTexts(lang).decided(ref, what)`. Typed members were chosen over string codes looked up at
 * run time (`t(lang, 'import.rowsRead', { n })`): the compiler checks every code and every parameter,
 * and the call sites stay as they were. Errors are the one place with string codes: an AuditError
 * carries its code and parameters and `formatError(e, lang)` writes it, once, in the user's language
 * (usage errors included: `usageError(key, params)` raises them, see usage.ts). The language is
 * always passed along as a `Lang`, never guessed from which table an object is.
 *
 * Areas: errors.ts (every AuditError as one line), usage.ts (usage errors), cli.ts (the messages of
 * import, match and report, shared labels), help.ts (help texts and commander's own words), match.ts
 * (match, review, decide, explain, decisions), run.ts (run, runs, diff), config.ts (config-file
 * expectations), commands.ts (doctor, imports, inspect, units, the progress bar), report-labels.ts,
 * memo-labels.ts and indicator-labels.ts (the words of the reports).
 */
export type { Lang } from './lang.js';
export * from './errors.js';
export * from './cli.js';
export * from './usage.js';
export * from './config.js';
export * from './help.js';
export * from './match.js';
export * from './run.js';
export * from './report-labels.js';
export * from './memo-labels.js';
export * from './indicator-labels.js';
export * from './commands.js';
