// Dialect 'auto': decided from the file's syntax. Each dialect has tell-tale constructs; the dialect with
// the most distinct signals wins, PostgreSQL when none is seen. (A `-- dialect:` header is not a contract.)
//
// Signals are looked for chunk by chunk (the text is cut after lines ending in `;` outside block comments), so
// a caller that keeps a DetectCache (the language server, per file) re-tests only the chunk a keystroke
// changed. The answer is the same as testing the whole text: no signal can match across a `;` line end (the
// one exception, a date() string literal holding `;` at a line end, is not worth a second definition).
import type { Dialect, DialectSetting } from '../model.ts';

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
 * The chunks of the previous call on the same file with their signal masks (only the current ones are kept).
 * Keyed by length and compared as strings: hashing every chunk of the file on every keystroke costs more.
 */
export type DetectCache = Map<number, { text: string; mask: number }[]>;

export type Detected = { dialect: Dialect; source: 'setting' | 'detected' | 'default' };

export function detectDialect(text: string, setting: DialectSetting, cache?: DetectCache): Detected {
  const steps = detectInSteps(text, setting, cache);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Characters tested between two steps of detectInSteps (a few milliseconds; a chunk is one statement or more). */
const STEP_CHARS = 64 * 1024;

/**
 * detectDialect as a generator: a step after every STEP_CHARS characters of chunks tested, so the first read of a
 * big file can give its caller's event loop a turn (testing 1 MB of signals is tens of milliseconds). Same answer.
 */
export function* detectInSteps(text: string, setting: DialectSetting, cache?: DetectCache): Generator<void, Detected> {
  if (setting !== 'auto') return { dialect: setting, source: 'setting' };
  const sample = text.length > DETECT_SCAN_LIMIT ? text.slice(0, DETECT_SCAN_LIMIT) : text;
  let mask = 0, tested = 0;
  const seen: DetectCache = new Map();
  for (const chunk of chunks(sample)) {
    let m = cache?.get(chunk.length)?.find((c) => c.text === chunk)?.mask;
    if (m === undefined) m = signalsOf(chunk);
    if (cache) { const l = seen.get(chunk.length); if (l) l.push({ text: chunk, mask: m }); else seen.set(chunk.length, [{ text: chunk, mask: m }]); }
    mask |= m;
    if ((tested += chunk.length) >= STEP_CHARS) { tested = 0; yield; }
  }
  if (cache) { cache.clear(); for (const [k, v] of seen) cache.set(k, v); }
  let best: Dialect | null = null;
  let bestScore = 0;
  for (const d of ORDER) {
    let score = 0;
    ALL.forEach((s, bit) => { if (s.d === d && mask & (1 << bit)) score++; });
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best ? { dialect: best, source: 'detected' } : { dialect: 'postgresql', source: 'default' };
}

function signalsOf(chunk: string): number {
  // comments talk about SQL ("the comment on AddressType…"): look at code only
  const code = chunk.replace(/--[^\n]*/g, '').replace(/\/\*(?!!)[\s\S]*?\*\//g, '');
  let mask = 0;
  ALL.forEach((s, bit) => { if (s.re.test(code)) mask |= 1 << bit; });
  return mask;
}

/**
 * Cuts after lines whose code ends in `;`, outside block comments, with the comment rules of signalsOf: each
 * line counts up to its first `--`, and a block comment runs from `/*` (not `/*!`) to the next `*\/`.
 */
function chunks(text: string): string[] {
  const out: string[] = [];
  // Searches only move forward: each pattern's next occurrence is found once, not once per line.
  const nextOf = (pat: string) => { let at = -2; return (from: number) => (at === -1 || (at >= from && at !== -2) ? at : (at = text.indexOf(pat, from))); };
  const nextDash = nextOf('--'), nextOpen = nextOf('/*'), nextClose = nextOf('*/');
  let start = 0, pos = 0, inComment = false;
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
      out.push(text.slice(start, nl + 1));
      start = nl + 1;
    }
    pos = nl + 1;
  }
  if (start < text.length || !out.length) out.push(text.slice(start));
  return out;
}

function endsWithSemicolon(text: string, from: number, to: number): boolean {
  let j = to - 1;
  while (j >= from && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j--;
  return j >= from && text.charCodeAt(j) === 59;
}
