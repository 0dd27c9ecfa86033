// Single-file up/down migrations: goose (`-- +goose Up` / `-- +goose Down`), sql-migrate (`-- +migrate Up` /
// `-- +migrate Down`) and dbmate (`-- migrate:up` / `-- migrate:down`) keep both directions in one file.
// The rule, one sentence: in such a file the text after a down marker (up to the next up marker) is the
// down migration and is never schema; the up marker's section is. Pure: text in, tool / text out.

export type SectionTool = 'goose' | 'sql-migrate' | 'dbmate';
export const SECTION_TOOLS: readonly SectionTool[] = ['goose', 'sql-migrate', 'dbmate'];

/** Each tool's markers, as its own parser matches them (line-anchored; `g` to list them all). */
const MARKERS: Record<SectionTool, { up: RegExp; down: RegExp }> = {
  // goose: `--` then `+goose` then the annotation, compared case-insensitively; no leading whitespace
  goose: { up: /^--[ \t]*\+goose[ \t]+up[ \t]*$/gim, down: /^--[ \t]*\+goose[ \t]+down[ \t]*$/gim },
  // sql-migrate: the exact prefix `-- +migrate `, then the direction (options such as notransaction after)
  'sql-migrate': { up: /^-- \+migrate Up(?=\s|$)/gm, down: /^-- \+migrate Down(?=\s|$)/gm },
  // dbmate: `-- migrate:up`, options after (`transaction:false`)
  dbmate: { up: /^--\s*migrate:up(?=\s|$)/gm, down: /^--\s*migrate:down(?=\s|$)/gm },
};

/**
 * The tool whose up marker the file's leading comments hold, if any. goose and dbmate refuse statements
 * before it (sql-migrate ignores them), so the marker is among the comment and blank lines the file starts
 * with: only those are read, which keeps this cheap on a 17 MB schema file.
 */
export function sectionToolOf(text: string): SectionTool | undefined {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('--')) return undefined;
    // a marker is a short line (a dump's one-line header is not tested character by character)
    if (line.length <= 200) {
      for (const tool of SECTION_TOOLS) {
        const up = MARKERS[tool].up;
        up.lastIndex = 0;
        if (up.test(line.replace(/\r$/, ''))) return tool;
      }
    }
    at = end + 1;
  }
  return undefined;
}

/**
 * The text the migrator runs up: every down section (from a down marker to the next up marker, or the end)
 * blanked to spaces with its newlines kept, so offsets and lines of the up sections do not move and
 * findings stay where they are in the file. goose allows one Up then one Down; dbmate and sql-migrate
 * alternate, which the same walk covers.
 */
export function upSectionsOnly(text: string, tool: SectionTool): string {
  const { up, down } = MARKERS[tool];
  const marks: { at: number; down: boolean }[] = [];
  for (const [re, isDown] of [[up, false], [down, true]] as const) {
    re.lastIndex = 0;
    for (let m; (m = re.exec(text)); ) marks.push({ at: m.index, down: isDown });
  }
  if (!marks.some((m) => m.down)) return text;
  marks.sort((a, b) => a.at - b.at);
  let out = '', from = 0, downFrom = -1;
  for (const m of marks) {
    if (m.down && downFrom < 0) { out += text.slice(from, m.at); downFrom = m.at; }
    else if (!m.down && downFrom >= 0) { out += blank(text.slice(downFrom, m.at)); from = m.at; downFrom = -1; }
  }
  return downFrom >= 0 ? out + blank(text.slice(downFrom)) : out + text.slice(from);
}

const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
