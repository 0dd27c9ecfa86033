// Dialect 'auto': decided from the file's syntax. Each dialect has tell-tale constructs; the dialect with
// the most distinct signals wins, PostgreSQL when none is seen. (A `-- dialect:` header is not a contract.)
//
// Signals are looked for chunk by chunk (the text is cut after lines ending in `;` outside block comments), so
// a caller that keeps a DetectCache (the language server, per file) re-tests only the chunk a keystroke
// changed. The answer is the same as testing the whole text: no signal can match across a `;` line end (the
// one exception, a date() string literal holding `;` at a line end, is not worth a second definition).
// Told where the text changed since the cached call (the reader knows), it does not even cut the text again:
// a cut depends only on the text before it, and the scan is in the same state at every cut, so the chunks
// before the edit are kept and, past it, the old chunks from the first cut that was a cut before, moved.
import type { Dialect, DialectSetting } from '../model.ts';
import type { EditRegion } from '../incremental/diff.ts';

const SIGNALS: Record<'mysql' | 'sqlite' | 'postgresql', RegExp[]> = {
  mysql: [/`[^`\n]+`/, /\bENGINE\s*=/i, /\bAUTO_INCREMENT\b/i, /\/\*!\d/, /\bLOCK TABLES\b/i, /\bUNSIGNED\b/i,
    /^\s*DELIMITER\s/im, /\bDEFAULT CHARSET\b/i],
  sqlite: [/\bAUTOINCREMENT\b/i, /\bWITHOUT\s+ROWID\b/i, /\bPRAGMA\s/i, /^\s*CREATE\s+TABLE\s+\[/im, /\bBEGIN TRANSACTION;/i,
    // virtual tables (FTS, R*Tree), its date functions' 'now', INSERT OR <conflict>, its catalog tables
    /\bCREATE\s+VIRTUAL\s+TABLE\b/i, /\b(?:date|time|datetime|julianday|strftime)\s*\(\s*(?:'[^']*'\s*,\s*)?'now'/i,
    /\bINSERT\s+OR\s+(?:REPLACE|IGNORE|ABORT|FAIL|ROLLBACK)\b/i, /\bsqlite_(?:sequence|master|schema|stat\d)\b/i],
  postgresql: [/\$[A-Za-z_]*\$/, /\b(?:BIG|SMALL)?SERIAL\b/i, /::[a-z_"]/i, /\bCREATE\s+EXTENSION\b/i, /\bCOMMENT\s+ON\s/i,
    /\bOWNER\s+TO\b/i, /\bpg_catalog\./, /\bTIMESTAMPTZ\b/i, /\bCOPY\s+\S+.*FROM\s+stdin/i, /\bJSONB\b/i, /\bUSING\s+btree\b/],
};
const ORDER = ['postgresql', 'mysql', 'sqlite'] as const;
/** Every signal with its bit in a chunk's mask (28 signals: one 32-bit mask). */
const ALL = ORDER.flatMap((d) => SIGNALS[d].map((re) => ({ d, re })));

/** Signals are looked for in this much of the file (its DDL is almost always at the start). */
export const DETECT_SCAN_LIMIT = 1 << 20;
/** Chunks are at least this long (fewer, larger chunks cost less to test; a keystroke re-tests one). */
const MIN_CHUNK = 2048;

/**
 * The chunks of the previous call on the same file (the text's first DETECT_SCAN_LIMIT characters cut, each
 * chunk's end and signal mask): what the next call re-uses. `text` is absent before the first call.
 */
export interface DetectCache { text?: string; ends: number[]; masks: number[] }

export const newDetectCache = (): DetectCache => ({ ends: [], masks: [] });

export type Detected = { dialect: Dialect; source: 'setting' | 'detected' | 'default' };

/** `region`: where `text` differs from the cache's text (null: equal), when the caller knows it. */
export function detectDialect(text: string, setting: DialectSetting, cache?: DetectCache, region?: EditRegion | null): Detected {
  const steps = detectInSteps(text, setting, cache, region);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Characters tested between two steps of detectInSteps (a few milliseconds; a chunk is one statement or more). */
const STEP_CHARS = 64 * 1024;

/**
 * detectDialect as a generator: a step after every STEP_CHARS characters of chunks tested, so the first read of a
 * big file can give its caller's event loop a turn (testing 1 MB of signals is tens of milliseconds). Same answer.
 */
export function* detectInSteps(text: string, setting: DialectSetting, cache?: DetectCache, region?: EditRegion | null): Generator<void, Detected> {
  if (setting !== 'auto') return { dialect: setting, source: 'setting' };
  const sample = text.length > DETECT_SCAN_LIMIT ? text.slice(0, DETECT_SCAN_LIMIT) : text;
  const known = cache?.text !== undefined && region !== undefined ? cache : undefined;
  const ends: number[] = [], masks: number[] = [];
  let tested = 0;
  const add = (start: number, end: number, mask?: number) => { ends.push(end); masks.push(mask ?? signalsOf(sample.slice(start, end))); if (mask === undefined) tested += end - start; };
  if (known && (!region || region.start >= DETECT_SCAN_LIMIT)) {
    // the first DETECT_SCAN_LIMIT characters are those of the cached text: the same chunks
    ends.push(...known.ends); masks.push(...known.masks);
  } else if (known && region) {
    const was = known.ends, delta = region.newEnd - region.oldEnd;
    // chunks ending at or before the edit are the same (not the last one: it ends where the sample ends, not at a cut)
    let k = 0;
    while (k < was.length - 1 && was[k] <= region.start) { add(0, was[k], known.masks[k]); k++; }
    let from = k ? was[k - 1] : 0;
    // cut anew up to the first cut past the edit that was a cut before; the old chunks after it, moved, while
    // they end at cuts inside the sample; the rest of the sample is cut anew
    const resume = (c: number) => (c >= region.newEnd ? cutIndex(was, c - delta) : -1);
    for (const c of cutsFrom(sample, from, (c) => resume(c) >= 0)) { add(from, c); from = c; }
    let j = from > 0 && from >= region.newEnd ? resume(from) : -1;
    // the last chunk too when neither sample was cut (then it is the same text, up to the text's end)
    const last = known.text!.length <= DETECT_SCAN_LIMIT && text.length <= DETECT_SCAN_LIMIT ? was.length : was.length - 1;
    if (j >= 0) for (j++; j < last && was[j] + delta <= sample.length; j++) { add(from, was[j] + delta, known.masks[j]); from = was[j] + delta; }
    if (j >= 0) for (const c of cutsFrom(sample, from)) { add(from, c); from = c; }
    if (from < sample.length || !ends.length) add(from, sample.length);
  } else {
    let from = 0;
    for (const c of cutsFrom(sample, 0)) {
      add(from, c); from = c;
      if (tested >= STEP_CHARS) { tested = 0; yield; }
    }
    if (from < sample.length || !ends.length) add(from, sample.length);
  }
  if (cache) { cache.text = text; cache.ends = ends; cache.masks = masks; }
  let mask = 0;
  for (const m of masks) mask |= m;
  let best: Dialect | null = null;
  let bestScore = 0;
  for (const d of ORDER) {
    let score = 0;
    ALL.forEach((s, bit) => { if (s.d === d && mask & (1 << bit)) score++; });
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best ? { dialect: best, source: 'detected' } : { dialect: 'postgresql', source: 'default' };
}

/** The index of the chunk that ends at `cut` (not the last chunk: its end is the sample's end), else -1. */
function cutIndex(ends: number[], cut: number): number {
  let lo = 0, hi = ends.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] === cut) return mid;
    if (ends[mid] < cut) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

function signalsOf(chunk: string): number {
  // comments talk about SQL ("the comment on AddressType…"): look at code only
  const code = chunk.replace(/--[^\n]*/g, '').replace(/\/\*(?!!)[\s\S]*?\*\//g, '');
  let mask = 0;
  ALL.forEach((s, bit) => { if (s.re.test(code)) mask |= 1 << bit; });
  return mask;
}

/**
 * The cuts after `from` (0 or a cut): after lines whose code ends in `;`, outside block comments, with the comment
 * rules of signalsOf: each line counts up to its first `--`, and a block comment runs from `/*` (not `/*!`) to
 * the next `*\/`. A chunk is at least MIN_CHUNK long; the text after the last cut is the last chunk. Stops
 * after a cut `stop` accepts.
 */
function cutsFrom(text: string, from: number, stop?: (cut: number) => boolean): number[] {
  const out: number[] = [];
  // Searches only move forward: each pattern's next occurrence is found once, not once per line.
  const nextOf = (pat: string) => { let at = -2; return (from: number) => (at === -1 || (at >= from && at !== -2) ? at : (at = text.indexOf(pat, from))); };
  const nextDash = nextOf('--'), nextOpen = nextOf('/*'), nextClose = nextOf('*/');
  let start = from, pos = from, inComment = false;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const dash = nextDash(pos);
    const codeEnd = dash >= 0 && dash < nl ? dash : nl;
    let i = pos;
    for (;;) {
      if (inComment) {
        const e = nextClose(i);
        if (e < 0 || e + 2 > codeEnd) break;
        inComment = false; i = e + 2;
      } else {
        let s = nextOpen(i);
        while (s >= 0 && s + 2 < codeEnd && text.charCodeAt(s + 2) === 33 /* ! */) s = nextOpen(s + 1);
        if (s < 0 || s + 2 > codeEnd) break;
        inComment = true; i = s + 2;
      }
    }
    if (!inComment && nl < text.length && nl + 1 - start >= MIN_CHUNK && endsWithSemicolon(text, pos, codeEnd)) {
      out.push(nl + 1);
      start = nl + 1;
      if (stop?.(start)) return out;
    }
    pos = nl + 1;
  }
  return out;
}

function endsWithSemicolon(text: string, from: number, to: number): boolean {
  let j = to - 1;
  while (j >= from && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j--;
  return j >= from && text.charCodeAt(j) === 59;
}
