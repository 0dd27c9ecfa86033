// Seeded random edits of SQL text, shaped like what people type: characters, deletions, pasted snippets,
// line duplications and deletions, statement-breaking characters (quotes, comment starts, semicolons).
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = 'abcdefghijklmnopqrstuvwxyz_0123456789 (),;\'"\n-*/.`$[]';
const SNIPPETS = [
  ', tags TEXT', ', phone1 TEXT, phone2 TEXT', 'CREATE TABLE fz (id INT PRIMARY KEY, dept_id INT, dept_name TEXT);\n',
  ' REFERENCES artist(id)', 'PRIMARY KEY (id, name)', '-- normlint-disable-line\n', '-- normlint-disable-next-line list-column\n',
  '-- @fd a -> b\n', '-- @key name\n', '/*', '*/', "'", '"', ';', '(', ')', '\n', 'CREATE INDEX ON fz (dept_id);\n',
  "INSERT INTO fz VALUES (1, 2, 'x');\n", 'ALTER TABLE fz ADD COLUMN customer_id INT REFERENCES customers(id);\n', '$$', 'UNIQUE (name)',
  '-- normlint-disable\n', '-- normlint-enable\n', 'CREATE TABLE', ' NOT NULL', ' DEFAULT \'a,b,c\'',
];

export interface Edit { start: number; end: number; text: string }

/** One random edit of `text` (offsets into it). */
export function randomEdit(text: string, r: () => number): Edit {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  // Prefer positions inside CREATE TABLE bodies, where edits change findings.
  let at = Math.floor(r() * (text.length + 1));
  if (r() < 0.6 && text.length) {
    const from = text.lastIndexOf('CREATE TABLE', at);
    if (from >= 0) at = Math.min(text.length, from + Math.floor(r() * 400));
  }
  const kind = r();
  if (kind < 0.35) return { start: at, end: at, text: pick([...CHARS]) };
  if (kind < 0.55) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(r() * (r() < 0.8 ? 3 : 60))), text: '' };
  if (kind < 0.75) return { start: at, end: at, text: pick(SNIPPETS) };
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length; else lineEnd++;
  if (kind < 0.85) return { start: lineStart, end: lineStart, text: text.slice(lineStart, lineEnd) }; // duplicate line
  if (kind < 0.93) return { start: lineStart, end: lineEnd, text: '' }; // delete line
  // Paste a chunk from elsewhere in the file.
  const src = Math.floor(r() * text.length);
  return { start: at, end: at, text: text.slice(src, src + Math.floor(r() * 200)) };
}

export function apply(text: string, e: Edit): string { return text.slice(0, e.start) + e.text + text.slice(e.end); }

export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0, last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i + 1; }
  return { line, character: offset - last };
}
