// A new migration for a single-file up/down tool (goose, sql-migrate, dbmate): one file, the up section then
// the down section under the tool's own markers, so the tool runs the fix up and undoes it down. goose and
// sql-migrate cut statements at each line that ends with `;`; a statement with such a line inside it (a DO
// block, a function body) is wrapped in StatementBegin/StatementEnd so it reaches the engine whole. dbmate
// sends each section as one text and needs a down section even when it is empty. All three run each section
// in a transaction of their own, so the data migration's outer BEGIN; … COMMIT; is left out (a COMMIT inside
// would end the tool's transaction before it records the version). Pure: SQL in, file text out.
import type { Dialect } from '../model.ts';
import { splitStatements } from '../reader/split.ts';
import type { SectionTool } from './sections.ts';

const MARK: Record<SectionTool, { up: string; down: string; begin?: string; end?: string }> = {
  goose: { up: '-- +goose Up', down: '-- +goose Down', begin: '-- +goose StatementBegin', end: '-- +goose StatementEnd' },
  'sql-migrate': { up: '-- +migrate Up', down: '-- +migrate Down', begin: '-- +migrate StatementBegin', end: '-- +migrate StatementEnd' },
  dbmate: { up: '-- migrate:up', down: '-- migrate:down' },
};

/** `header` (comment lines), then the up section, then the down section when there is one (dbmate: always). */
export function inSections(tool: SectionTool, header: string, up: string, down: string | undefined, dialect: string): string {
  const m = MARK[tool];
  const section = (sql: string) => {
    const plain = withoutOuterTransaction(sql.trim(), dialect as Dialect);
    return m.begin ? wrapInner(plain, dialect as Dialect, m.begin, m.end!) : plain;
  };
  let text = `${header}${m.up}\n${section(up)}\n`;
  if (down?.trim()) text += `\n${m.down}\n${section(down)}\n`;
  else if (tool === 'dbmate') text += `\n${m.down}\n`;
  return text;
}

/** The text without its first statement BEGIN / START TRANSACTION and last COMMIT, when it has both (lines kept otherwise). */
function withoutOuterTransaction(sql: string, dialect: Dialect): string {
  const { statements: sts } = splitStatements(sql, dialect);
  const text = (i: number) => sql.slice(sts[i].start, sts[i].end).trim();
  if (sts.length < 2 || !/^(BEGIN|START\s+TRANSACTION)$/i.test(text(0)) || !/^COMMIT$/i.test(text(sts.length - 1))) return sql;
  const lineAfter = (at: number) => { const n = sql.indexOf('\n', at); return n < 0 ? sql.length : n + 1; };
  const lineBefore = (at: number) => sql.lastIndexOf('\n', at - 1) + 1;
  return (sql.slice(0, lineBefore(sts[0].start)) + sql.slice(lineAfter(sts[0].end), lineBefore(sts[sts.length - 1].start))).trim();
}

/** Each statement that has a line ending with `;` before its own end, between the begin and end markers. */
function wrapInner(sql: string, dialect: Dialect, begin: string, end: string): string {
  const { statements } = splitStatements(sql, dialect);
  let out = '', from = 0;
  for (const st of statements) {
    // the statement with its terminator: up to the end of its line
    const lineEnd = sql.indexOf('\n', st.end);
    const stop = lineEnd < 0 ? sql.length : lineEnd;
    const own = sql.slice(st.start, st.end);
    if (/;[ \t]*(?:--[^\n]*)?\r?\n/.test(own)) out += `${sql.slice(from, st.start)}${begin}\n${sql.slice(st.start, stop)}\n${end}`;
    else out += sql.slice(from, stop);
    from = stop;
  }
  return out + sql.slice(from);
}
