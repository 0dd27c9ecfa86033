// Does one string value look like a delimited list ("nlp,transformer,bert", "555-1111, 555-2222")?
// Precision first: prose, names written "Last, F", dates, numbers with thousands separators, URLs and
// JSON text all contain delimiters without being lists.

export type Delimiter = ',' | ';' | '|' | ' ';

export interface ListShape { delimiter: Delimiter; parts: string[] }

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b/i;
const PROSE_WORD = /^(and|or|but|nor|so|then|which|that|who|while|because|although|however|with|without|the|a|an)\b/i;
const SUFFIX = /^(jr|sr|ii|iii|iv|phd|md|esq|inc|ltd|llc|co|corp|gmbh|s\.?a)\.?$/i;

/** Why a value with a delimiter is *not* a list, or undefined when nothing rules it out. */
export function notAListReason(value: string): string | undefined {
  const v = value.trim();
  if (/^[[{]/.test(v) && /[\]}]$/.test(v)) return 'JSON text';
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v)) return 'a number with thousands separators';
  if (/^-?\d+,\d{1,2}$/.test(v)) return 'a decimal comma';
  if (MONTH.test(v) && /\d{4}/.test(v)) return 'a date';
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v) && (v.match(/:\/\//g) ?? []).length === 1) return 'a URL';
  if (/[.!?]["')]?$/.test(v) && /\s/.test(v) && v.split(/\s+/).length > 3) return 'prose';
  return undefined;
}

/** One part of a list: a short token (a code, a word or two, a URL, an e-mail), not a clause. */
function isToken(p: string): boolean {
  if (!p) return false;
  if (!/\s/.test(p)) return p.length <= 200; // codes, ids, URLs, e-mail addresses, paths
  const ws = p.split(/\s+/);
  if (ws.length > 4 || p.length > 40) return false;
  if (PROSE_WORD.test(p)) return false;
  // A clause: several lower-case words in a row ("fell by noon") reads as prose, not a list item.
  const lower = ws.filter((w) => /^[a-z]+$/.test(w)).length;
  return lower < 3;
}

/** Splits `value` at `d` into trimmed parts when every part is a list token. */
function splitAt(v: string, d: Delimiter): string[] | undefined {
  if (!v.includes(d)) return undefined;
  const parts = d === ' ' ? v.split(/\s+/) : v.split(d).map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => !isToken(p))) return undefined;
  return parts;
}

/** "Smith, L", "Austin, TX", "Gordy, Jr.": a name or place with a qualifier, not two values. */
function isQualifiedName(parts: string[]): boolean {
  if (parts.length !== 2) return false;
  const [a, b] = parts;
  return /^[A-Z][A-Za-z'’-]+$/.test(a.split(/\s+/).pop() ?? '') && (/^([A-Z]\.?\s?){1,3}$/.test(b) || SUFFIX.test(b));
}

/** Sort directions and switches: the setting of a field, never an item beside it. */
const SETTING_WORDS = /^(asc|desc|ascending|descending|on|off|true|false|yes|no|enabled|disabled)$/i;

/** A house number: 12, 12b, 12-14, #12. */
const NUMBER_PART = /^[#№]?\d+([a-z]|[-/]\d+)?$/i;

/**
 * List items are alike: all numbers or all text. "8, Rue Hanovre" / "C/ Araquil, 67" mix a house number
 * with a street name — one address, not two values.
 */
function isMixed(parts: string[]): boolean {
  const nums = parts.filter((p) => NUMBER_PART.test(p)).length;
  return nums > 0 && nums < parts.length && parts.some((p) => /\p{L}{2,}/u.test(p));
}

/** The punctuation skeleton of a part: runs with a letter → w, digit runs → 9 (`08:00-17:00` → `9:9-9:9`). */
const skeleton = (p: string) => p.replace(/[\p{L}\d_]*\p{L}[\p{L}\d_]*/gu, 'w').replace(/\d+/g, '9');

/**
 * Why delimited parts are the fields of one structured value rather than list items, or undefined.
 * A list has items of one shape: `Mon-Fri,08:00-17:00` (days, hours) and `>=1.2,<2` (two bounds) do not;
 * `52.37,4.89` is a coordinate pair; `cn=x,ou=y,dc=z` is one record of key=value fields; `$city, $zip` is a
 * template with placeholders; `subnet,asc` is a field and its sort direction.
 */
export function structuredReason(parts: string[]): string | undefined {
  if (parts.some((p) => /\$\w|%\w+%|\{\w+\}/.test(p))) return 'a template with placeholders';
  // `subnet,asc`, `sound,off`: a field and its direction or switch, not two items of one kind
  if (parts.length === 2 && parts.filter((p) => SETTING_WORDS.test(p)).length === 1) return 'a field and its setting';
  if (parts.length === 2 && parts.every((p) => /^[-+]?\d+\.\d+$/.test(p))) return 'a coordinate pair';
  if (parts.every((p) => /^[\w.-]+\s*[=:]\s*\S/.test(p)) && new Set(parts.map((p) => p.split(/[=:]/)[0].trim().toLowerCase())).size > 1) return 'key=value fields of one record';
  // different shapes: digits in some parts only (`Mon-Fri` vs `08:00-17:00`), or comparison/time marks (`>=1.2` vs `<2`)
  if (parts.length <= 3 && new Set(parts.map(skeleton)).size > 1) {
    const numeric = parts.filter((p) => skeleton(p).includes('9')).length;
    if ((numeric > 0 && numeric < parts.length) || parts.some((p) => /[<>=!:~^*]/.test(p))) return 'fields of different shapes';
  }
  return undefined;
}

/**
 * Space-separated lists are only believed for code-like tokens (CS101 CS201, #a #b): ordinary words
 * separated by spaces are just text ("New York", "Dr. Smith").
 */
function isCodeToken(p: string): boolean {
  return /^[A-Za-z]{0,6}\d+[A-Za-z0-9]*$/.test(p) || /^#\w+$/.test(p);
}

/**
 * The list shape of a value: the first of `,` `;` `|` that splits it into tokens, else spaces between
 * code-like tokens (only when `allowSpace`). Undefined when the value is not a list.
 */
export function listShape(value: string, allowSpace = false): ListShape | undefined {
  const v = value.trim();
  if (!v || notAListReason(v)) return undefined;
  for (const d of [',', ';', '|'] as const) {
    if (!v.includes(d)) continue;
    const parts = splitAt(v, d);
    if (!parts || isQualifiedName(parts) || isMixed(parts) || structuredReason(parts)) return undefined;
    return { delimiter: d, parts };
  }
  if (allowSpace && /\s/.test(v)) {
    const parts = v.split(/\s+/);
    if (parts.length >= 2 && parts.every(isCodeToken)) return { delimiter: ' ', parts };
  }
  return undefined;
}

/** True when the value contains a delimiter character at all (so it is a candidate either way). */
export function hasDelimiter(value: string, d: Delimiter): boolean {
  return d === ' ' ? /\S\s+\S/.test(value.trim()) : value.includes(d);
}
