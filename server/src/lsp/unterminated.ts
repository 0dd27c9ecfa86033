// A clear message for text that ends inside a comment, string, quoted identifier or dollar quote: the
// reader tolerates it (a half-typed statement), but a person should know why the rest of the file is quiet.
// Only the state at the end of the text is reported, so ordinary files never get a message.
import type { Dialect } from '../core/model.ts';
import { blockCommentEnd } from '../core/reader/lexer.ts';

export interface Unterminated { offset: number; message: string }

export function findUnterminated(text: string, dialect: Dialect): Unterminated | null {
  const mysql = dialect === 'mysql' || dialect === 'mariadb';
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 45 && next === 45) { const e = text.indexOf('\n', i); if (e < 0) return null; i = e + 1; continue; } // --
    if (c === 35 && mysql) { const e = text.indexOf('\n', i); if (e < 0) return null; i = e + 1; continue; } // # (MySQL)
    if (c === 47 && next === 42) { // /* … */ (nested in PostgreSQL)
      const e = blockCommentEnd(text, i, dialect === 'postgresql');
      if (e < 0) return { offset: i, message: 'This /* comment is never closed: everything after it is a comment and is not checked.' };
      i = e;
      continue;
    }
    if (c === 39 || c === 34 || c === 96) { // ' " `
      const start = i;
      const escapes = c !== 96 && (mysql || (c === 39 && i > 0 && /[eE]/.test(text[i - 1]) && !/\w/.test(text[i - 2] ?? '')));
      i++;
      for (;;) {
        if (i >= n) {
          const what = c === 39 ? 'string' : 'quoted identifier';
          return { offset: start, message: `This ${what} is never closed: the rest of the file is inside it and is not checked.` };
        }
        const d = text.charCodeAt(i);
        if (escapes && d === 92) { i += 2; continue; }
        if (d === c) { if (text.charCodeAt(i + 1) === c) { i += 2; continue; } i++; break; }
        i++;
      }
      continue;
    }
    if (c === 36 && dialect === 'postgresql') { // $tag$ … $tag$
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !(i > 0 && /[\w$]/.test(text[i - 1]))) {
        const end = text.indexOf(m[0], i + m[0].length);
        if (end < 0) return { offset: i, message: `This ${m[0]} quote is never closed: the rest of the file is inside it and is not checked.` };
        i = end + m[0].length;
        continue;
      }
    }
    i++;
  }
  return null;
}
