// Column-name helpers for the 1NF detectors: splitting identifiers into words, and the kinds of names
// that say "this holds several values" (list names) or "this is one value" (mass / singular nouns).
import { memoByString } from '../memo.ts';

/** Splits `recipient_emails`, `imageUrl1`, `StudentID`, `q1_target` into words, keeping digits on their word.
 *  Memoized: the rules split the same few thousand column names over and over. Callers must not mutate. */
export const words = memoByString((name: string) => splitWords(name));

function splitWords(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    if (!part) continue;
    // camelCase and PascalCase boundaries: fooBar → foo Bar; URLValue → URL Value; digits stay attached.
    const spaced = part
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
    for (const w of spaced.split(' ')) if (w) out.push(w);
  }
  return out;
}

/** The last word of a name, lower-cased: recipient_emails → emails, StudentPhones → phones. */
export function lastWord(name: string): string {
  const ws = words(name);
  return (ws[ws.length - 1] ?? '').toLowerCase();
}

// Words that end in "s" but name one value (mass nouns, singulars, flags, units, counts).
const NOT_PLURAL = new Set(`status address news series notes description settings options species process access class
business analysis basis axis bus gas bonus campus census corpus focus genus virus alias canvas atlas chaos
thesis synopsis ethos pathos lens plus minus bias iris radius cactus apparatus consensus nexus syllabus stimulus
success progress express loss boss glass pass mass dress cross miss kiss less ness
details comments contents credits terms lyrics physics mathematics economics statistics metrics ethics politics
goods means headquarters premises savings earnings thanks whereabouts odds
ms ts ns us secs mins hours days weeks months years seconds minutes bytes kbytes mbytes pixels px
yes no is has was does os bios dns https sms gps cvs aws ios macos windows redis ads
tries attempts retries polls rows votes changes pages chars hits errors views clicks misses
preferences privs perms params vars flags attributes coords coordinates opts
expires redirects threads processes transactions instructions demographics conditions actions`.split(/\s+/));

/** True when the column name ends in a plural noun (`recipient_emails`, `Courses`, `Phones`, `tags`). */
export function hasPluralName(name: string): boolean {
  const w = lastWord(name);
  if (w.length < 4 || !/^[a-z]+s$/.test(w)) return false;
  if (NOT_PLURAL.has(w)) return false;
  if (/(ss|us|is|ous|ics|ness|less)$/.test(w)) return false;
  return true;
}

/**
 * Names that by themselves say "several values in one cell": tags, keywords, *_ids / *Ids, *_list / *List,
 * *_csv. Stronger than a plain plural (`courses` may well be a count or a description).
 */
export function hasListName(name: string): boolean {
  const ws = words(name).map((w) => w.toLowerCase());
  const w = ws[ws.length - 1] ?? '';
  // "mailing_list", "price_list", "wait_list" name one list (an address, a price list, a queue), not values.
  if (w === 'list') return ws.length > 1 && !/^(mailing|price|wait|waiting|play|reading)$/.test(ws[ws.length - 2]);
  if (w === 'tags' || w === 'keywords' || w === 'csv') return true;
  // *_ids, userIds, user_IDs — but not a lone "ids" of nothing, nor words like "pids"/"uuids" written as one word.
  if (w === 'ids' && ws.length > 1) return true;
  return false;
}

/** Words that are almost always counts or sizes when they end a name (num_pages, total_hits). */
export function isCountName(name: string): boolean {
  const ws = words(name).map((w) => w.toLowerCase());
  return ws.length > 1 && /^(num|number|count|total|max|min|avg|nb|n|cnt)$/.test(ws[0]);
}
