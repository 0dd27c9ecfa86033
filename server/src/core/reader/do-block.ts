// DO $$ … $$ (PostgreSQL anonymous blocks) in migrations: which DDL statements of the body always run.
// Rule: a DDL statement of the body is applied when it runs on every execution — at the block's top level,
// or in the THEN branch of an existence guard (`IF [NOT] EXISTS (SELECT … FROM information_schema|pg_…)`,
// which only makes the migration re-runnable; replay's own create-if-absent/alter-if-present semantics
// give the same result). DDL in other branches, loops, exception handlers or EXECUTE strings depends on
// run-time data: it is reported as not read.
import type { SchemaEvent, Span } from '../model.ts';
import { T as Kind } from './lexer.ts';
import type { RawStatement } from './split.ts';
import { splitStatements } from './split.ts';
import type { Tokens } from './tokens.ts';
const T = Kind;

export interface DoBlock {
  /** Offsets (in the file) of the body's DDL statements that always run. */
  apply: Span[];
  /** Set when some DDL is conditional or dynamic. */
  notRead?: SchemaEvent;
}

const DDL_HEAD = new Set(['create', 'alter', 'drop', 'comment']);
/** Words after which a new PL/pgSQL statement starts. */
const STARTS = new Set(['begin', 'then', 'else', 'loop', 'exception']);

type Frame = { kind: 'block' | 'if' | 'loop' | 'case'; live: boolean; handler?: boolean };

export function readDoBlock(t: Tokens, st: RawStatement, file: string): DoBlock | undefined {
  let b = st.tokStart + 1;
  while (b < st.tokEnd && t.kinds[b] !== T.String) b++;
  if (b >= st.tokEnd) return undefined;
  const raw = t.raw(b);
  if (raw.charCodeAt(0) !== 36) return undefined; // only $tag$ bodies
  const tag = raw.slice(0, raw.indexOf('$', 1) + 1);
  const bodyStart = t.starts[b] + tag.length;
  const bodyEnd = raw.endsWith(tag) && raw.length >= 2 * tag.length ? t.ends[b] - tag.length : t.ends[b];
  // the body lexed as SQL, on a copy of the text where everything else is blank (offsets stay the file's)
  const masked = ' '.repeat(bodyStart) + t.text.slice(bodyStart, bodyEnd);
  // the splitter drops the `;` tokens: a statement of the body starts at each of its tokStarts
  const { tokens: u, statements } = splitStatements(masked, 'postgresql');
  const starts = new Set(statements.map((s) => s.tokStart));
  const endOf = new Map(statements.map((s) => [s.tokStart, s.tokEnd]));
  let stmtEnd = 0;
  const apply: Span[] = [];
  const skipped: string[] = [];
  const stack: Frame[] = [];
  const live = () => stack.every((f) => f.live && !f.handler);
  let atStart = true;
  for (let i = 0; i < u.count; i++) {
    if (starts.has(i)) { atStart = true; stmtEnd = endOf.get(i)!; }
    const w = u.word(i);
    if (w === 'end') {
      const what = u.word(i + 1);
      if (what === 'if' || what === 'loop' || what === 'case') i++;
      stack.pop();
      atStart = false;
      continue;
    }
    if (atStart && DDL_HEAD.has(w)) {
      const span = { start: u.starts[i], end: u.ends[Math.max(i, stmtEnd - 1)] };
      if (live()) apply.push(span); else skipped.push(snippet(masked, span.start));
      i = stmtEnd - 1;
      atStart = false;
      continue;
    }
    if (atStart && w === 'execute' && /\b(create|alter|drop)\b/i.test(masked.slice(u.starts[i], u.ends[Math.min(u.count - 1, i + 3)]))) {
      skipped.push(snippet(masked, u.starts[i]));
    }
    if (w === 'begin') stack.push({ kind: 'block', live: true });
    else if (w === 'if' && atStart) {
      let e = i + 1;
      while (e < u.count && !u.is(e, 'then')) e++;
      const cond = masked.slice(u.starts[i], u.ends[Math.min(e, u.count - 1)]);
      stack.push({ kind: 'if', live: /\bexists\s*\(/i.test(cond) && /\b(information_schema|pg_[a-z_]+)\b/i.test(cond) });
      i = e; // THEN: a statement starts
      atStart = true;
      continue;
    } else if ((w === 'else' || w === 'elsif') && stack.at(-1)?.kind === 'if') stack.at(-1)!.live = false;
    else if (w === 'exception' && stack.at(-1)?.kind === 'block') stack.at(-1)!.handler = true;
    else if (w === 'loop' && atStart) stack.push({ kind: 'loop', live: false }); // a bare LOOP (FOR/WHILE … LOOP pushed at FOR)
    else if ((w === 'for' || w === 'while') && atStart) stack.push({ kind: 'loop', live: false });
    else if (w === 'case' && atStart) stack.push({ kind: 'case', live: false });
    atStart = STARTS.has(w) || w === 'declare';
  }
  if (!apply.length && !skipped.length) return undefined;
  const notRead: SchemaEvent | undefined = skipped.length
    ? { kind: 'not-read', reason: `DO block: ${skipped.join('; ')} … depends on run-time conditions and is not applied`, span: { start: st.start, end: st.end }, file }
    : undefined;
  return { apply, notRead };
}

const snippet = (text: string, at: number) => text.slice(at, at + 60).replace(/\s+/g, ' ').trim();

/** The file text with everything outside `keep` blanked (newlines kept): read again, it yields only those statements. */
export function keepOnly(text: string, keep: Span[]): string {
  let out = '';
  let p = 0;
  for (const s of keep) {
    out += text.slice(p, s.start).replace(/[^\n]/g, ' ') + text.slice(s.start, s.end) + ';';
    p = s.end + 1;
  }
  return out + text.slice(p).replace(/[^\n]/g, ' ');
}
