// Dialect 'auto': decided from the file's syntax. Each dialect has tell-tale constructs; the dialect with
// the most distinct signals wins, PostgreSQL when none is seen. (A `-- dialect:` header is not a contract.)
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

/** Signals are looked for in this much of the file (its DDL is almost always at the start); callers that cache
 * the answer (the language server) key it on this prefix, so CLI and server agree for the same text. */
export const DETECT_SCAN_LIMIT = 1 << 20;

export function detectDialect(text: string, setting: DialectSetting): { dialect: Dialect; source: 'setting' | 'detected' | 'default' } {
  if (setting !== 'auto') return { dialect: setting, source: 'setting' };
  // comments talk about SQL ("the comment on AddressType…"): look at code only
  const sample = (text.length > DETECT_SCAN_LIMIT ? text.slice(0, DETECT_SCAN_LIMIT) : text)
    .replace(/--[^\n]*/g, '').replace(/\/\*(?!!)[\s\S]*?\*\//g, '');
  let best: Dialect | null = null;
  let bestScore = 0;
  for (const d of ['postgresql', 'mysql', 'sqlite'] as const) {
    let score = 0;
    for (const re of SIGNALS[d]) if (re.test(sample)) score++;
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best ? { dialect: best, source: 'detected' } : { dialect: 'postgresql', source: 'default' };
}
