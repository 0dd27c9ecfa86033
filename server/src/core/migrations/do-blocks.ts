// `DO $$ BEGIN <DDL>; … [EXCEPTION WHEN … THEN …] END $$;` — migrations wrap plain DDL in a DO block to
// survive "already exists" errors or to fall back when a statement fails. On the fresh database a
// migration folder describes, the main path runs and no handler does, so such a block is read as the
// statements of its main path (nested BEGIN … END blocks too). A block with control flow (IF, LOOP,
// EXECUTE, PERFORM, variables…) decides at run time what it changes and stays unread (the replay
// reports it). The wrapper and the handlers are blanked with spaces: every offset stays where it was.

const DO_BLOCK = /\bdo\s+(\$[A-Za-z_]*\$)([\s\S]*?)\1/gi;
/** An innermost BEGIN … [EXCEPTION …] END block. */
const INNER = /\bbegin\b((?:(?!\bbegin\b|\bend\b)[\s\S])*?)(\bexception\b(?:(?!\bbegin\b|\bend\b)[\s\S])*?)?\bend\b(\s*;)?/i;
const CONTROL = /\b(if|loop|while|for|foreach|perform|execute|raise|declare|return|into|get|case|select|update|insert|delete|call|begin|end|exception)\b/i;
const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');

/** The text with every plain-DDL DO block unwrapped (same length, same line breaks). */
export function unwrapDoBlocks(text: string): string {
  if (!/\bdo\s+\$/i.test(text)) return text;
  return text.replace(DO_BLOCK, (whole, tag: string, body: string) => {
    let b = body;
    for (let m = INNER.exec(b); m; m = INNER.exec(b)) {
      const rest = m[0].slice(5 + m[1].length);
      b = b.slice(0, m.index) + blank('begin') + m[1] + blank(rest) + b.slice(m.index + m[0].length);
    }
    // strings, comments, IF [NOT] EXISTS and ON DELETE/UPDATE aside, what is left must be DDL only
    const code = b.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '').replace(/\bif\s+(not\s+)?exists\b|\bon\s+(delete|update)\b/gi, '');
    if (CONTROL.test(code) || !/\b(create|alter|drop|comment)\b/i.test(code)) return whole;
    return blank(whole.slice(0, whole.length - tag.length - body.length)) + b + blank(tag);
  });
}
