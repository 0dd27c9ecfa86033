// One analysed workspace (a workspace folder, or the loose files outside any folder): per-file FileModels,
// the merged workspace, and findings per file, updated incrementally. Pure computation in the core: no LSP or
// editor imports; the language server (lsp/*) only translates and schedules.
//
// An update re-reads only the files that changed (the reader keeps each file's pieces, so that costs the piece
// the edit is in), rebuilds the workspace (a merge), and re-runs the rules only for the tables the edit touched
// plus those linked by foreign keys; findings of all other tables are kept and their positions shifted.
import { analyzeWorkspace, compareFindings, type AnalysisResult } from '../analyze.ts';
import type { Finding } from '../findings.ts';
import type { FileModel, Table, WorkspaceModel } from '../model.ts';
import type { Options } from '../options.ts';
import type { TableAnalysis } from '../fd/types.ts';
import { computeLineStarts } from '../positions.ts';
import { isSuppressed } from '../suppress.ts';
import { buildWorkspace, mergeInSteps } from '../workspace.ts';
import { remergeWorkspace } from '../remerge.ts';
import { remerged } from '../merge-record.ts';
import { placeFindings, replayWorkspace } from '../migrations/index.ts';
import { bothUnchanged, diffRegion, type EditRegion, type Unchanged } from './diff.ts';
import { IncrementalReader, type ReadChange } from './reader.ts';
import { ownFixSpans, ownSpans, shiftFinding, type FileShift } from './shift.ts';
import { addMovedStatementChanges, addTouched, expandByForeignKeys, fileWideChange, insideOneTable, nameKey, prepareGraph, statementKeys, tableKey, tablesWithKeys } from './touched.ts';
import { carryCopies, copyNamesOf, copyStartsOf } from '../workspace.ts';
import { rules } from '../rules/index.ts';

export interface FileEntry {
  file: string;
  uri: string;
  text: string;
  /** LSP version while open in the editor; null for files read from disk. */
  version: number | null;
  model: FileModel;
  /** The text `model` was read from. */
  modelText: string;
  /** Why the file could not be read (binary, reader failure): shown as a diagnostic instead of findings. */
  problem?: string;
  /** A warning about the text that does not stop checking (replacement characters from invalid UTF-8). */
  notice?: { offset: number; message: string };
  /** A first read done in steps before update()'s read loop (readColdInSteps): used while the text is still this. */
  stepped?: { text: string; dialect: Options['dialect']; model: FileModel };
  /** The last text read whose sample looksBinary tests held no control character (an edit then tests what it changed). */
  cleanText?: string;
}

export interface UpdateStats { ms: number; full: boolean; tablesChecked: number; changedFiles: Set<string> }

/**
 * A pending change of a file since the last analysis: the text and model the findings were computed on, and
 * what the edits since then left alone when the editor said (else the texts are compared).
 */
interface Pending { oldText: string; oldModel: FileModel | null; unchanged?: Unchanged }

export class Engine {
  readonly files = new Map<string, FileEntry>();
  private pending = new Map<string, Pending>();
  private reader = new IncrementalReader();
  private removed = new Set<string>();
  private needFull = true;
  private findings: Finding[] = [];
  private byFile = new Map<string, Finding[]>();
  private result: AnalysisResult | null = null;
  /** Bumped per file whenever its findings change: the pull-diagnostics resultId. */
  private resultIds = new Map<string, number>();
  private resultCounter = 0;
  /** The analysis failed as a whole (a bug in a rule): reported on every file until it succeeds again. */
  failure: string | null = null;
  lastStats: UpdateStats | null = null;
  /** Moving average of incremental updates: how long push clients wait for more keystrokes. */
  typicalUpdateMs = 5;

  /**
   * `sliceMs`: how long the engine works before it gives the server loop a turn (tests pass 0: a turn after
   * every step, so they can see that a long read or check yields without depending on the machine's speed).
   */
  constructor(public options: Options, private log: (msg: string) => void = () => {}, private sliceMs = SLICE_MS) {}

  setOptions(options: Options): void {
    const dialectChanged = options.dialect !== this.options.dialect;
    this.options = options;
    if (dialectChanged) {
      // The dialect setting changes how files are read.
      for (const [file, e] of this.files) { this.markPending(file, e); e.modelText = '\u0000'; this.reader.forget(file); }
    }
    this.needFull = true;
  }

  get dirty(): boolean { return this.needFull || this.pending.size > 0 || this.removed.size > 0; }

  /** `unchanged`: what the edit from the file's current text to `text` left alone, when the caller knows. */
  setFile(file: string, uri: string, text: string, version: number | null, unchanged?: Unchanged): void {
    const e = this.files.get(file);
    if (e) {
      e.uri = uri; e.version = version;
      if (e.text === text) return;
      const p = this.pending.get(file);
      if (p) p.unchanged = bothUnchanged(p.unchanged, unchanged);
      else this.markPending(file, e, unchanged);
      e.text = text;
      return;
    }
    this.removed.delete(file);
    this.files.set(file, { file, uri, text, version, model: emptyModel(file), modelText: '\u0000' });
    this.pending.set(file, { oldText: '', oldModel: null });
  }

  removeFile(file: string): void {
    if (!this.files.delete(file)) return;
    this.reader.forget(file);
    this.pending.delete(file);
    this.removed.add(file);
  }

  private markPending(file: string, e: FileEntry, unchanged?: Unchanged): void {
    if (this.pending.has(file)) return;
    // the hint describes the edit from e.text; it holds from the model's text only when that is e.text
    const hint = e.modelText === e.text ? unchanged : undefined;
    this.pending.set(file, { oldText: e.modelText === '\u0000' ? '' : e.modelText, oldModel: e.modelText === '\u0000' ? null : e.model, ...(hint ? { unchanged: hint } : {}) });
  }

  findingsOf(file: string): Finding[] { return this.byFile.get(file) ?? []; }

  /** Bumped when the workspace's table or index names change: fixes built before then may be stale. */
  private namesGeneration = 0;
  /**
   * The names generation each finding's fixes were built in. Absent: not built yet — diagnostics need no fixes,
   * so updates check without them and withCurrentFixes builds them when code actions ask.
   */
  private fixesBuilt = new WeakMap<Finding, number>();
  private names = new Map<string, number>();
  /**
   * The touched-set key (touched.ts tableKey) of the table each finding is about, recorded as the rules run table
   * by table: one of ten same-named copies of a table is then re-checked alone. Absent: keyed by its table name.
   */
  private owners = new WeakMap<Finding, string>();
  private ownerOf = (f: Finding) => this.owners.get(f) ?? nameKey(f.table);
  private textOf: (file: string) => string = () => '';

  /**
   * The findings with fixes built on the current analysis (code actions ask for these; diagnostics need no
   * fixes). Findings whose fixes are stale get them rebuilt, by running the rules again on their tables only.
   */
  withCurrentFixes(findings: Finding[]): Finding[] {
    const stale = findings.filter((f) => this.fixesBuilt.get(f) !== this.namesGeneration);
    if (!stale.length || !this.result) return findings;
    const ws = this.result.workspace;
    const keys = new Set(stale.map(this.ownerOf));
    const tables = ws.tables.filter((t) => keys.has(tableKey(ws, t)));
    const fresh = new Map<string, Finding>();
    try {
      // table by table, so that the findings of same-named copies of a table keep their own fixes
      for (const t of tables) {
        const key = tableKey(ws, t);
        for (const f of analyzeWorkspace(ws, this.options, this.textOf, [t], { log: this.log }).findings) if (!fileRuleIds.has(f.rule)) fresh.set(`${key}|${fixKey(f)}`, f);
      }
    } catch (err) {
      this.log(`normlint: rebuilding fixes failed: ${(err as Error)?.stack ?? err}`);
    }
    for (const f of stale) {
      // The same analysis finds the same finding again, now with its fixes.
      const again = fresh.get(`${this.ownerOf(f)}|${fixKey(f)}`);
      f.fixes = again?.fixes.map(ownFixSpans) ?? [];
      if (again?.declinedFixes) f.declinedFixes = again.declinedFixes; else delete f.declinedFixes;
      this.fixesBuilt.set(f, this.namesGeneration);
    }
    return findings;
  }
  resultIdOf(file: string): string { return String(this.resultIds.get(file) ?? 0); }
  get workspace(): WorkspaceModel | null { return this.result?.workspace ?? null; }
  analysisOf(t: Table) { return this.result?.analysis(t) ?? null; }
  /** Every visible finding (suppressed ones left out). */
  get allFindings(): Finding[] { return [...this.byFile.values()].flat(); }

  /** The update in progress: update() runs one at a time, and callers during it share it. */
  private inFlight: Promise<UpdateStats> | null = null;
  /** Files whose findings changed in updates since the server last announced them (it clears the set). */
  readonly unannounced = new Set<string>();
  /** An update is running (it yields to the server loop between chunks of tables). */
  get busy(): boolean { return this.inFlight !== null; }

  /**
   * Brings findings up to date with the files as they were when it started. Returns the files whose findings
   * changed. While one runs, calls return it; edits made meanwhile leave the engine dirty for the next update
   * (the caller runs update() until !dirty && !busy before answering or publishing).
   */
  update(): Promise<UpdateStats> {
    if (this.inFlight) return this.inFlight;
    if (!this.dirty) return Promise.resolve({ ms: 0, full: false, tablesChecked: 0, changedFiles: new Set<string>() });
    const run = this.run().finally(() => { this.inFlight = null; });
    this.inFlight = run;
    return run;
  }

  private async run(): Promise<UpdateStats> {
    const t0 = performance.now();
    const changedFiles = new Set<string>();
    const options = this.options;
    let full = this.needFull || !this.result;
    const touched = new Set<string>();
    const shifts: FileShift[] = [];
    let readCount = 0, rulesMs = 0;
    await this.steppedReads([...this.pending.keys()]);
    for (const [file, p] of this.pending) {
      const e = this.files.get(file);
      if (!e) continue;
      const region = p.oldModel ? diffRegion(p.oldText, e.text, p.unchanged) : null;
      // The old model's copies of a schema (where they start, which names each creates) are cached per model:
      // filled here, in its own offsets, before reading moves the spans of its later statements in place.
      const oldCopies = p.oldModel ? copyStartsOf(p.oldModel) : [];
      if (p.oldModel) copyNamesOf(p.oldModel);
      const change = this.read(e, p.oldModel ? { from: p.oldText, region } : undefined);
      if (p.oldModel) carryCopies(p.oldModel, e.model);
      readCount++;
      if (full) continue;
      if (!p.oldModel || e.problem) { full = true; continue; }
      if (!region) continue;
      if (fileWideChange(oldCopies, p.oldModel, e.model, region)) { full = true; continue; }
      // Statements outside the pieces the reader read anew are the old ones, moved: only those pieces' tables
      // (and the nearest ones around them, whose comment blocks may border the edit) can have changed. When the
      // reader kept nothing (this text was read before update() ran: readAhead), everything is checked again.
      if (!change) { full = true; continue; }
      const dropped = joinParts(change.dropped), read = joinParts(change.read);
      // typing inside a CREATE TABLE (the usual keystroke) changes no comment block of the tables around it
      const neighbours = !insideOneTable(dropped, read, region);
      const sides = [addTouched(dropped, region.start, region.oldEnd, touched, p.oldModel, neighbours), addTouched(read, region.start, region.newEnd, touched, e.model, neighbours)];
      // the nearest table on a side the re-read pieces have none on is in the pieces around them
      const [before, after] = neighbours ? change.neighbours : [];
      if (before && sides.some((s) => !s.before)) for (const k of statementKeys(e.model, before.schema, before.name, before.span.start)) touched.add(k);
      if (after && sides.some((s) => !s.after)) for (const k of statementKeys(e.model, after.schema, after.name, after.span.start)) touched.add(k);
      addMovedStatementChanges(dropped, read, region, touched, p.oldModel, e.model);
      shifts.push({ file, region, oldLineStarts: p.oldModel.lineStarts, oldLength: p.oldText.length, newLineStarts: e.model.lineStarts });
    }
    const readMs = performance.now() - t0;
    if (this.removed.size) full = true;
    const removedFiles = this.removed;
    this.pending = new Map();
    this.removed = new Set();
    this.needFull = false;

    // What this update analyses: the files as read now. Edits arriving while it yields change FileEntry.text
    // and mark the files pending again (against the text read here), so they never mix into this update.
    const snapshot = new Map([...this.files.values()].map((e) => [e.file, { text: e.text, model: e.model }]));
    // Rules run without suppressions; they are applied below, so typing a normlint-disable comment only
    // re-filters findings instead of re-checking every table of the file.
    const models = [...snapshot.values()].map(({ model }) => (model.suppressions.length ? { ...model, suppressions: [] } : model));
    const textOf = (f: string) => snapshot.get(f)?.text ?? '';
    let findings: Finding[];
    let tablesChecked = 0;
    let abandoned = false;
    let names: Map<string, number> | undefined;
    try {
      // Migration folders are replayed in the migrator's order: an edit anywhere can change what every later
      // migration builds, so they are analysed in full, and findings go to the migration that introduced them.
      const project = replayWorkspace(models, textOf, options);
      if (project) full = true;
      // Migration folders' fixes are placed on migrations after the rules ran (placeFindings): built with the findings.
      const withFixes = !!project;
      // A full merge of a 17 MB file is hundreds of milliseconds: in steps, after a turn of the loop (a cold read
      // ends right before). analyzeInChunks checks for superseding after its first turn, right after the merge.
      if (full && !project && performance.now() - t0 >= this.sliceMs) await yieldToLoop();
      // After an edit, the previous merge rebuilt where the edit changed statements (remerge.ts; null: merged in full).
      const previous = this.result?.workspace;
      const ws = project?.workspace ?? (full ? await this.drain(mergeInSteps(models)) : (previous && remergeWorkspace(previous, models)) ?? buildWorkspace(models));
      const tRules = performance.now();
      if (full) {
        const res = await this.analyzeInChunks(ws, options, textOf, ws.tables, t0, withFixes);
        if (!res) abandoned = true;
        else {
          findings = (project ? placeFindings(res, project.plan) : res.findings).map(ownSpans);
          this.result = { ...res, findings };
          this.namesGeneration++; this.fixesBuilt = new WeakMap();
          if (withFixes) for (const f of findings) this.fixesBuilt.set(f, this.namesGeneration);
        }
        tablesChecked = ws.tables.length;
      } else {
        expandByForeignKeys(ws, touched);
        const only = tablesWithKeys(ws, touched);
        tablesChecked = only.length;
        const res = await this.analyzeInChunks(ws, options, textOf, only, t0, withFixes);
        if (!res) abandoned = true;
        else {
          this.result = res;
          const isTouched = (f: Finding) => fileRuleIds.has(f.rule) || (f.rule === 'internal-error' && !f.table) || touched.has(this.ownerOf(f))
            || (!this.owners.has(f) && touched.has(nameKey(f.table.split('.').pop()!)));
          const kept: Finding[] = [];
          // A kept finding's fixes chose names against the workspace they were built on (a new table `depts`
          // must not be created twice): when the workspace's table or index names changed, they are stale and
          // currentFixes() rebuilds them from this analysis when asked for.
          // the merge after an edit keeps every table name; only a changed index can change the counts
          const from = remerged.get(ws);
          names = from && from.previous === previous && !from.indexesChanged ? this.names : nameCounts(ws);
          if (names !== this.names && !sameCounts(this.names, names)) this.namesGeneration++;
          for (let f of this.findings) {
            if (isTouched(f) || removedFiles.has(f.file)) continue;
            const built = this.fixesBuilt.get(f);
            const owner = this.owners.get(f);
            for (const s of shifts) f = shiftFinding(s, f);
            if (built !== undefined) this.fixesBuilt.set(f, built);
            if (owner !== undefined) this.owners.set(f, owner);
            kept.push(f);
          }
          for (const f of res.findings) if (isTouched(f)) { kept.push(ownSpans(f)); if (withFixes) this.fixesBuilt.set(f, this.namesGeneration); }
          findings = kept.sort(compareFindings);
        }
      }
      if (!abandoned) { this.failure = null; this.names = names ?? nameCounts(ws); this.textOf = textOf; }
      rulesMs = performance.now() - tRules;
    } catch (err) {
      // The core isolates each rule (a rule that throws becomes an internal-error finding), so what gets
      // here failed outside the rules (merging the workspace): keep the server up, say so on every file,
      // and try again in full on the next change.
      this.log(`normlint: analysis failed: ${(err as Error)?.stack ?? err}`);
      this.needFull = true;
      this.failure = `normlint failed to analyse this workspace: ${errorText(err)}`;
      findings = [];
    }
    if (abandoned) {
      // Superseded while it yielded (settings changed, a file was removed): the next update is a full one
      // anyway. Nothing is published from this one; the previous findings stay until then.
      this.needFull = true;
      for (const f of removedFiles) if (!this.files.has(f)) this.removed.add(f);
      this.log(`normlint: analysis superseded after ${Math.round(performance.now() - t0)} ms; starting again`);
      return { ms: performance.now() - t0, full, tablesChecked: 0, changedFiles };
    }
    this.findings = findings!;
    const byFile = new Map<string, Finding[]>();
    for (const f of this.findings) {
      const fm = snapshot.get(f.file)?.model;
      if (fm && fm.suppressions.length && isSuppressed(fm, f)) continue;
      let l = byFile.get(f.file);
      if (!l) byFile.set(f.file, (l = []));
      l.push(f);
    }
    for (const file of new Set([...this.byFile.keys(), ...byFile.keys(), ...this.files.keys(), ...removedFiles])) {
      const before = this.byFile.get(file) ?? [];
      const after = byFile.get(file) ?? [];
      if (!sameFindings(before, after) || !this.resultIds.has(file)) {
        changedFiles.add(file);
        this.unannounced.add(file);
        this.resultIds.set(file, ++this.resultCounter);
      }
    }
    this.byFile = byFile;
    const stats = { ms: performance.now() - t0, full, tablesChecked, changedFiles };
    if (!full) this.typicalUpdateMs = 0.8 * this.typicalUpdateMs + 0.2 * Math.min(stats.ms, 4 * this.typicalUpdateMs);
    if (stats.ms > 250) this.log(`normlint: slow update ${Math.round(stats.ms)} ms (${full ? 'full' : 'incremental'}, ${tablesChecked} tables checked, ${readCount} file(s) read in ${Math.round(readMs)} ms, rules ${Math.round(rulesMs)} ms)`);
    this.lastStats = stats;
    this.scheduleWarmUp();
    return stats;
  }

  private warming = false;
  /**
   * While nothing else runs, prepares in slices of SLICE_MS what the first edit of a big file would otherwise
   * compute all at once: each file's copies of a schema, the span objects of the reader's pieces (moved on an
   * edit), the foreign-key graph of the workspace (touched.ts). An edit arriving meanwhile stops it; the update
   * then computes what is left, as without it.
   */
  private scheduleWarmUp(): void {
    if (this.warming) return;
    this.warming = true;
    const step = () => {
      if (this.inFlight || this.dirty || !this.result) { this.warming = false; return; }
      const deadline = performance.now() + SLICE_MS;
      for (const e of this.files.values()) {
        copyStartsOf(e.model); copyNamesOf(e.model);
        if (!this.reader.prepareMoves(e.file, deadline)) { setImmediate(step); return; }
      }
      prepareGraph(this.result.workspace);
      this.warming = false;
    };
    setImmediate(step);
  }

  /**
   * analyzeWorkspace over `tables`, split into chunks with a yield to the server loop whenever a slice of work
   * has taken SLICE_MS, so requests are answered meanwhile. Same findings as one call: the file rules run in the
   * first chunk only, and all chunks share one dependency-analysis cache (the result's analysis() serves every
   * table afterwards). One table per call: a table costs from microseconds to hundreds of milliseconds (its
   * findings' fixes), a call costs about a microsecond more. Small runs (a keystroke, a small workspace)
   * finish in one call without yielding. Returns null when superseded while yielding (settings
   * changed or a file was removed: a full update follows).
   */
  private async analyzeInChunks(ws: WorkspaceModel, options: Options, textOf: (f: string) => string, tables: Table[], sliceStart: number, withFixes: boolean): Promise<AnalysisResult | null> {
    // small runs (a keystroke, a small workspace) finish without yielding
    const mayYield = tables.length > MIN_CHUNKED || performance.now() - sliceStart >= this.sliceMs;
    const cache = new Map<Table, TableAnalysis>();
    const findings: Finding[] = [];
    let analysis: AnalysisResult['analysis'] | null = null;
    let start = sliceStart, i = 0;
    do {
      if (mayYield && performance.now() - start >= this.sliceMs) {
        await yieldToLoop();
        if (this.needFull || this.removed.size || options !== this.options) return null;
        start = performance.now();
      }
      const res = analyzeWorkspace(ws, options, textOf, tables.slice(i, i + 1), { cache, skipFileRules: i > 0, log: this.log, withFixes });
      const owner = tables.length ? tableKey(ws, tables[i]) : undefined;
      for (const f of res.findings) {
        findings.push(f);
        if (owner !== undefined && !fileRuleIds.has(f.rule)) this.owners.set(f, owner);
      }
      analysis ??= res.analysis; // every chunk's analysis() reads and fills the shared cache
      i++;
    } while (i < tables.length);
    findings.sort(compareFindings);
    return { workspace: ws, findings, analysis: analysis! };
  }

  /**
   * First reads of big files, piece by piece with a turn of the server loop every SLICE_MS, so that hovers and
   * cancels are answered while a 17 MB file is read (one read would block for seconds). Only a read the loop
   * below would do anyway, with the text it would read: an edit or a settings change arriving meanwhile makes
   * read() ignore the result and read as before. One batch at a time (update() and readAhead() both start
   * them): the reader's generator must not interleave with another read of its file.
   */
  private steppedReads(files: string[]): Promise<void> {
    const batch = this.stepping.then(() => this.readColdInSteps(files));
    this.stepping = batch.catch(() => {});
    return batch;
  }
  private stepping: Promise<void> = Promise.resolve();

  private async readColdInSteps(files: string[]): Promise<void> {
    for (const file of files) {
      const e = this.files.get(file), p = this.pending.get(file);
      if (!e || !p || p.oldModel || e.modelText === e.text || e.text.length < MIN_STEPPED || looksBinary(e.text)) continue;
      const text = e.text, dialect = this.options.dialect;
      if (e.stepped && e.stepped.text === text && e.stepped.dialect === dialect) continue; // read ahead already
      try {
        e.stepped = { text, dialect, model: (await this.drain(this.reader.readInSteps(text, file, dialect))).model };
      } catch {
        // read() reads it again in one call and reports the failure
      }
      if (this.files.get(file) !== e) this.reader.forget(file);
    }
  }

  /** Runs a core generator to its end, with a turn of the server loop whenever its steps have taken sliceMs. */
  private async drain<T>(steps: Generator<unknown, T>): Promise<T> {
    let slice = performance.now();
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      if (performance.now() - slice < this.sliceMs) continue;
      await yieldToLoop();
      slice = performance.now();
    }
  }

  /**
   * Reads one file's model ahead of update(), so that indexing spreads the reads of a workspace over loop turns:
   * a big file in steps, as update() would read it (indexing a folder with a 17 MB file read it in one call).
   */
  async readAhead(file: string): Promise<void> {
    await this.steppedReads([file]);
    const e = this.files.get(file);
    if (e) this.read(e);
  }

  /** Reads the entry's text if its model is older; returns what the segmented reader re-read, when it did. */
  private read(e: FileEntry, edit?: { from: string; region: EditRegion | null }): ReadChange | null {
    if (e.modelText === e.text) return null;
    let changed: ReadChange | null = null;
    e.problem = undefined;
    e.notice = undefined;
    const clean = edit?.region && e.cleanText === edit.from ? cleanAfterEdit(e.text, edit.region) : !CONTROL_ONE.test(sampleOf(e.text));
    e.cleanText = clean ? e.text : undefined;
    const binary = clean ? null : looksBinary(e.text);
    if (binary) {
      e.problem = `normlint did not check this file: ${binary}.`;
      e.model = emptyModel(e.file, e.text);
    } else {
      try {
        // In pieces; after an edit, only the pieces it changed are read again.
        const st = e.stepped;
        const r = st && st.text === e.text && st.dialect === this.options.dialect ? { model: st.model, change: null } : this.reader.read(e.text, e.file, this.options.dialect, edit);
        e.model = r.model;
        changed = r.change;
      } catch (err) {
        e.problem = `normlint could not read this file: ${errorText(err)}`;
        this.reader.forget(e.file);
        this.log(`${e.problem} (${e.file})\n${(err as Error)?.stack ?? ''}`);
        e.model = emptyModel(e.file, e.text);
      }
    }
    e.modelText = e.text;
    e.stepped = undefined;
    const bad = e.text.indexOf('\uFFFD');
    if (bad >= 0) e.notice = { offset: bad, message: 'The text contains U+FFFD replacement characters: the file was probably not valid UTF-8 when it was read. normlint checks the rest of the text.' };
    else if (!e.problem && e.model.unterminated) e.notice = e.model.unterminated;
    return changed;
  }
}

/**
 * Runs checking at most MIN_CHUNKED tables are done in one call when quick; longer ones keep the loop at most
 * about SLICE_MS between yields (longer only while one table's analysis lasts).
 */
const MIN_CHUNKED = 64;
/** Rules that check files, not tables (meta.scope 'files'): their findings belong to no table. */
const fileRuleIds = new Set<string>(rules.filter((r) => r.meta.scope === 'files').map((r) => r.meta.id));
const SLICE_MS = 10;
/** Texts shorter than this are read in one call (a few milliseconds). */
const MIN_STEPPED = 64 * 1024;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export function errorText(err: unknown): string {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return 'the text is too large or too deeply nested for normlint (maximum call stack size exceeded); please report it';
  return err instanceof Error ? err.message : String(err);
}

/** looksBinary looks at this much of the text. */
const SAMPLE = 65536;
const sampleOf = (text: string) => (text.length > SAMPLE ? text.slice(0, SAMPLE) : text);

/** Binary content is not SQL: NUL bytes or a high share of control characters. */
export function looksBinary(text: string): string | null {
  const sample = sampleOf(text);
  if (sample.includes('\u0000')) return 'it contains NUL bytes (binary data, not SQL text)';
  // control characters other than tab, line feed, form feed and carriage return, and U+FFFD (a regex scans fastest)
  const control = sample.match(CONTROL)?.length ?? 0;
  if (sample.length > 64 && control / sample.length > 0.1) return `${Math.round((100 * control) / sample.length)} % of its characters are control characters or invalid UTF-8 (binary data, not SQL text)`;
  return null;
}
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/g;
const CONTROL_ONE = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/;

/**
 * After an edit `r` of a text whose sample held no control character (NUL included): whether the new sample holds
 * none either (then looksBinary is null). Only what the edit brought into the sample is tested: the inserted text,
 * and the characters moved into the sample from past its end (when text was deleted before it).
 */
export function cleanAfterEdit(text: string, r: EditRegion): boolean {
  const end = Math.min(SAMPLE, text.length), delta = r.newEnd - r.oldEnd;
  if (r.start < end && CONTROL_ONE.test(text.slice(r.start, Math.min(r.newEnd, end)))) return false;
  const from = Math.max(r.newEnd, SAMPLE + delta);
  return !(from < end && CONTROL_ONE.test(text.slice(from, end)));
}

/** The statements of several pieces of a file's model as one model (what touched.ts looks at). */
function joinParts(parts: FileModel[]): FileModel {
  if (parts.length === 1) return parts[0];
  const m = emptyModel(parts[0]?.file ?? '');
  for (const p of parts) {
    m.tables.push(...p.tables); m.indexes.push(...p.indexes); m.alterations.push(...p.alterations);
    m.inserts.push(...p.inserts); m.unreadable.push(...p.unreadable);
  }
  return m;
}

export function emptyModel(file: string, text = ''): FileModel {
  return {
    file, dialect: 'postgresql', dialectSource: 'default', tables: [], indexes: [], alterations: [], inserts: [],
    unreadable: [], events: [], suppressions: [], statementCount: 0, lineStarts: computeLineStarts(text),
  };
}

const fixKey = (f: Finding) => `${f.rule}|${f.file}|${f.schema ?? ''}|${f.table}|${f.columns.join(',')}|${f.determinant?.join(',') ?? ''}|${f.message}`;

/** How many tables and indexes carry each name (lower case): what fixes avoid when they name new ones. */
function nameCounts(ws: WorkspaceModel): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of ws.tables) { const k = t.name.toLowerCase(); m.set(k, (m.get(k) ?? 0) + 1); }
  for (const i of ws.indexes) { const k = `index ${(i.name ?? '').toLowerCase()}`; m.set(k, (m.get(k) ?? 0) + 1); }
  return m;
}

function sameCounts(before: Map<string, number>, now: Map<string, number>): boolean {
  if (now.size !== before.size) return false;
  for (const [k, n] of now) if (before.get(k) !== n) return false;
  return true;
}

function sameFindings(a: Finding[], b: Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (x.rule !== y.rule || x.message !== y.message || x.severity !== y.severity
      || x.range.start.line !== y.range.start.line || x.range.start.character !== y.range.start.character
      || x.range.end.line !== y.range.end.line || x.range.end.character !== y.range.end.character
      || x.fixes.length !== y.fixes.length || x.related.length !== y.related.length) return false;
  }
  return true;
}
