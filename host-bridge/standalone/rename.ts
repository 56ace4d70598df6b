/**
 * Applies a rename plan to one folder with a journal, so that nothing is lost:
 * - the journal (`.picturelock-rename.jsonl`, JSON lines) is written beside the files, atomically,
 *   before the first rename; each finished step appends a line;
 * - a rename never replaces an existing file: it is a hard link (which fails if the new name
 *   exists) followed by removing the old name, or, where links are not supported, a rename
 *   after checking that the new name is free;
 * - every step's state is read from the folder itself, so an interrupted run (killed between
 *   link and unlink, or between steps) is finished by resuming, and undone by `undoRenameJournal`.
 */
import { appendFileSync, closeSync, fsyncSync, linkSync, lstatSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { invertedNamingSteps, namingCollisionKey, type NamingRenameStep } from '@picturelock/core';

export const RENAME_JOURNAL_NAME = '.picturelock-rename.jsonl';
export const RENAME_JOURNAL_SCHEMA = 'NamingRenameJournal.1';

export interface RenameJournalHeader {
  readonly kind: 'header';
  readonly schema: typeof RENAME_JOURNAL_SCHEMA;
  /** ISO 8601, passed in by the caller. */
  readonly createdAt: string;
  /** What produced the plan (the template), to tell the user which rename is unfinished. */
  readonly label: string;
  readonly steps: readonly NamingRenameStep[];
}

type JournalLine =
  | RenameJournalHeader
  | { readonly kind: 'done'; readonly step: number }
  | { readonly kind: 'complete' }
  | { readonly kind: 'undone'; readonly step: number }
  | { readonly kind: 'undo-complete' };

export interface RenameJournal {
  readonly path: string;
  readonly header: RenameJournalHeader;
  /** Step indexes recorded as done (forward). */
  readonly done: ReadonlySet<number>;
  readonly complete: boolean;
  readonly undone: boolean;
}

export interface RenameRunResult {
  /** Steps carried out by this run (already-done steps are not counted). */
  readonly renamed: number;
  /** Steps found already done (a resumed run). */
  readonly alreadyDone: number;
  /** Problems that stopped the run: a step whose names are in a state it cannot resolve without overwriting. */
  readonly problems: readonly string[];
}

export interface RenameRunOptions {
  /**
   * Test only: milliseconds to wait before each rename, so a test can interrupt a run halfway
   * deterministically (the CLI reads it from PICTURELOCK_TEST_RENAME_DELAY_MS).
   */
  readonly delayMs?: number;
}

/** Reads the folder's journal, or undefined when there is none. A journal that cannot be read throws (it must not be ignored). */
export function readRenameJournal(folder: string): RenameJournal | undefined {
  const path = join(folder, RENAME_JOURNAL_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let header: RenameJournalHeader | undefined;
  const done = new Set<number>();
  let complete = false;
  let undone = false;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: JournalLine;
    try {
      line = JSON.parse(raw) as JournalLine;
    } catch {
      // A line cut short by a kill is the last one; the folder itself tells the step's state.
      continue;
    }
    if (line.kind === 'header') header = line;
    else if (line.kind === 'done') done.add(line.step);
    else if (line.kind === 'complete') complete = true;
    else if (line.kind === 'undone') done.delete(line.step);
    else if (line.kind === 'undo-complete') undone = true;
  }
  if (!header || header.schema !== RENAME_JOURNAL_SCHEMA) throw new Error(`${path} is not a Picturelock rename journal`);
  return { path, header, done, complete, undone };
}

function writeNewFileSynced(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function appendSynced(path: string, line: JournalLine): void {
  appendFileSync(path, `${JSON.stringify(line)}\n`);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Moves an older finished journal aside (`.picturelock-rename.1.jsonl`, ...) so a new rename can start. */
function archiveJournal(folder: string): void {
  for (let n = 1; ; n++) {
    const archived = join(folder, `.picturelock-rename.${n}.jsonl`);
    try {
      lstatSync(archived);
    } catch {
      linkSync(join(folder, RENAME_JOURNAL_NAME), archived);
      unlinkSync(join(folder, RENAME_JOURNAL_NAME));
      return;
    }
  }
}

/**
 * Starts applying `steps` in `folder`: writes the journal (refusing when an unfinished one
 * exists; a finished or undone one is archived), then runs the steps in order.
 */
export function applyRenameSteps(folder: string, steps: readonly NamingRenameStep[], meta: { label: string; createdAt: string }, options: RenameRunOptions = {}): RenameRunResult {
  const existing = readRenameJournal(folder);
  if (existing && !existing.complete && !existing.undone) {
    throw new Error(`an unfinished rename (${existing.header.label}) is recorded in ${existing.path}; finish it or undo it first`);
  }
  if (existing) archiveJournal(folder);
  const header: RenameJournalHeader = { kind: 'header', schema: RENAME_JOURNAL_SCHEMA, createdAt: meta.createdAt, label: meta.label, steps };
  const path = join(folder, RENAME_JOURNAL_NAME);
  const tmp = join(folder, `${RENAME_JOURNAL_NAME}.${process.pid}.partial`);
  writeNewFileSynced(tmp, `${JSON.stringify(header)}\n`);
  renameSync(tmp, path);
  return runSteps(folder, path, steps, 'forward', options);
}

/** Finishes the folder's unfinished rename (the journal's steps not yet done). */
export function resumeRenameJournal(folder: string, options: RenameRunOptions = {}): RenameRunResult {
  const j = readRenameJournal(folder);
  if (!j) throw new Error(`no rename journal in ${folder}`);
  if (j.undone) throw new Error(`the rename recorded in ${j.path} was undone; start a new one`);
  return runSteps(folder, j.path, j.header.steps, 'forward', options);
}

/** Restores every original name the folder's journal recorded (also after an interrupted apply or undo). */
export function undoRenameJournal(folder: string, options: RenameRunOptions = {}): RenameRunResult {
  const j = readRenameJournal(folder);
  if (!j) throw new Error(`no rename journal in ${folder}`);
  return runSteps(folder, j.path, j.header.steps, 'undo', options);
}

type StepState = 'todo' | 'done' | 'half' | 'blocked' | 'missing';

/**
 * Runs the steps (forward) or their inverses (undo, last first). Each step's state comes from
 * the folder's exact listing: old name only = to do; new name only = done; both, as one file
 * (hard links) = half done; both as different files, or neither = a problem that stops the run.
 */
function runSteps(folder: string, journal: string, steps: readonly NamingRenameStep[], direction: 'forward' | 'undo', options: RenameRunOptions): RenameRunResult {
  const listing = new Set(readdirSync(folder));
  const ordered = direction === 'forward' ? steps.map((s, i) => ({ ...s, i })) : invertedNamingSteps(steps).map((s, k) => ({ ...s, i: steps.length - 1 - k }));
  let renamed = 0;
  let alreadyDone = 0;
  const problems: string[] = [];
  const inode = (name: string) => {
    const st = lstatSync(join(folder, name));
    return `${st.dev}:${st.ino}`;
  };
  for (const step of ordered) {
    const hasFrom = listing.has(step.from);
    const hasTo = listing.has(step.to);
    const state: StepState = hasFrom && !hasTo ? 'todo' : !hasFrom && hasTo ? 'done' : hasFrom && hasTo ? (inode(step.from) === inode(step.to) ? 'half' : 'blocked') : 'missing';
    if (state === 'done') {
      alreadyDone++;
      continue;
    }
    if (state === 'blocked') {
      problems.push(`\`${step.from}\` -> \`${step.to}\`: both names exist as different files; nothing was overwritten`);
      break;
    }
    if (state === 'missing') {
      problems.push(`\`${step.from}\` -> \`${step.to}\`: neither name exists any more`);
      break;
    }
    sleep(options.delayMs ?? 0);
    const from = join(folder, step.from);
    const to = join(folder, step.to);
    if (state === 'half') {
      unlinkSync(from);
    } else if (namingCollisionKey(step.from) === namingCollisionKey(step.to)) {
      // A change of case or normalisation only: on a case-insensitive volume the new name
      // "exists" as the same file, so a link would fail; rename the entry in place.
      renameSync(from, to);
    } else {
      try {
        linkSync(from, to);
        unlinkSync(from);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          problems.push(`\`${step.from}\` -> \`${step.to}\`: \`${step.to}\` appeared while renaming; nothing was overwritten`);
          break;
        }
        // File systems without hard links (FAT, some network shares): check, then rename.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
        let free = false;
        try {
          lstatSync(to);
        } catch {
          free = true;
        }
        if (!free) {
          problems.push(`\`${step.from}\` -> \`${step.to}\`: \`${step.to}\` exists; nothing was overwritten`);
          break;
        }
        renameSync(from, to);
      }
    }
    listing.delete(step.from);
    listing.add(step.to);
    appendSynced(journal, direction === 'forward' ? { kind: 'done', step: step.i } : { kind: 'undone', step: step.i });
    renamed++;
  }
  if (!problems.length) appendSynced(journal, direction === 'forward' ? { kind: 'complete' } : { kind: 'undo-complete' });
  return { renamed, alreadyDone, problems };
}
