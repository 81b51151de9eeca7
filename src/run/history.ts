/** Picks the two runs `diff` compares and computes their diff from the stored snapshots. */
import { AuditError } from '../errors.js';
import type { Db } from '../store/db.js';
import { getRun, loadRunFindings, previousCompletedRun, type RunRecord } from '../store/runs.js';
import { diffFindings, type RunDiff } from './diff.js';

function completed(db: Db, id: number): RunRecord {
  const run = getRun(db, id);
  if (run?.status !== 'completed' || run.configPath === null)
    throw new AuditError('RUN_NOT_FOUND', `no completed run #${id}`, { hint: 'motcua-audit runs list' }, { run: id });
  return run;
}

/**
 * The diff between runs `fromId` and `toId`. Defaults: `to` = the latest completed run, `from` =
 * the completed run before `to`. Only completed runs have a findings snapshot.
 */
export function diffRuns(db: Db, fromId: number | null, toId: number | null): RunDiff {
  const to = toId !== null ? completed(db, toId) : previousCompletedRun(db, null);
  if (!to)
    throw new AuditError(
      'RUN_NOT_FOUND',
      'at least two completed runs are needed to compare',
      { hint: 'motcua-audit runs list' },
      { run: null },
    );
  const from = fromId !== null ? completed(db, fromId) : previousCompletedRun(db, to.id);
  if (!from)
    throw new AuditError(
      'RUN_NOT_FOUND',
      'at least two completed runs are needed to compare',
      { hint: 'motcua-audit runs list' },
      { run: null },
    );
  return diffFindings(
    { id: from.id, startedAt: from.startedAt },
    loadRunFindings(db, from.id),
    { id: to.id, startedAt: to.startedAt },
    loadRunFindings(db, to.id),
  );
}
