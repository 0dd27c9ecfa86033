// Detects repeating groups: numbered column families (phone1..3, metric1_name/metric1_value…, answer_1..5,
// q1_target..q4_target, imageUrl1/imageAlt1…, Course1/Course2) — a first-normal-form break.
//
// Not groups (each decision measured on the corpus, see docs/evaluation/nf1.md):
// - digits that belong to a word: sha256, utf8, ipv4, oauth2, s3_key, md5, x509, 2fa, 3d, i18n, p95n;
// - numbers that are not ordinals 0/1..n without gaps (iso_code_1/iso_code_3, p25n..p95n percentiles);
// - postal address lines (address1/address2, address_line1/2, AddressLine1/2, street1/2, and with an owner
//   in front: contact_address1/2): one address split into print lines, the convention of every postal API,
//   not several addresses;
// - coordinates (x1, y1, x2, y2, MapX1/MapY1/MapX2/MapY2): corners of one shape;
// - generic slots (STR_PROP_1..3, param_2, OID1..3, f1..f10, col1..: the stem is a slot or data-type word): what each slot
//   holds is decided per row by another column (the trigger type, a processing profile), not one attribute;
// - reported as info only: other two-slot families (the two ends of a pair may be meant);
// - families whose members together form (part of) a key or a composite index: parts of one identifier
//   (compound keys k1/k2, icinga's name1/name2 object name);
// - the two ends of a binary relationship: exactly two slots that are references (user1/user2,
//   entity0/entity1 with their *_credit attributes, tag1/tag2) — declared, or an integer column named after a
//   table of the workspace (device1/device2 beside `devices`) — or a pair numbered 0 and 1
//   (entity_type0/entity_type1), the usual numbering of a link's two ends.
import type { Evidence } from '../findings.ts';
import type { Column, Table, WorkspaceModel } from '../model.ts';
import { words } from './names.ts';
import { indexesNamed } from './fk-coverage.ts';
import { fileSeesTable, findTable } from '../workspace.ts';

export interface RepeatingGroupHit {
  /** e.g. 'phone' for phone1..3, 'metric' for metric1_name/metric1_value… */
  stem: string;
  /** All member columns in table order. */
  columns: string[];
  slots: { ordinal: number; columns: { attr: string; column: string }[] }[];
  evidence: Evidence[];
  /** Set when the group may be deliberate (the two ends of a pair): why; the finding is then info. */
  weak?: string;
}

/**
 * Slot and data-type words of generic parameter columns (`STR_PROP_1`, `param_2`, `custom_value_3`, `OID1`, `f1`):
 * the stem says what kind of value a slot holds, not what it means, which differs per row.
 */
const GENERIC_SLOTS = /^(f|fld|col|column|prop|property|param|parameter|var|variable|value|val|field|attr|attribute|custom|extra|slot|opt|option|str|string|int|integer|long|dec|decimal|bool|boolean|text|num|number|data|oid|uuid|guid|float|double|char|json|blob)$/i;

/** Words ending in digits that are names of things, not ordinals. */
const DIGIT_WORDS = new Set(`sha1 sha2 sha3 sha224 sha256 sha384 sha512 md2 md4 md5 crc16 crc32 crc64 utf7 utf8 utf16 utf32 ucs2 ucs4
latin1 latin2 win1252 cp1252 ascii7 ipv4 ipv6 ip4 ip6 inet4 inet6 oauth1 oauth2 s3 ec2 x509 x500 base16 base32 base58 base64
b64 b32 mp3 mp4 m4a h263 h264 h265 vp8 vp9 av1 http1 http2 http3 tls1 ssl2 ssl3 web2 web3 int2 int4 int8 float4 float8
e164 iso8601 iso3166 iso639 rfc822 rfc2822 rfc3339 pkcs7 pkcs8 pkcs12 p12 ed25519 x25519 aes128 aes256 des3 rc4 blake2
l1 l2 gen2 v4 v6 ps2 ps3 ps4 ps5 x86 x64 arm64 win32 win64 i18n l10n k8s`.split(/\s+/));

const ADDRESS_STEMS = /^(address|addr|address_line|addressline|street|street_address|line|adr)$/i;
const COORD_STEMS = /^(x|y|z|lat|lng|lon|long|latitude|longitude)$/i;

interface Member { column: Column; key: string; ordinal: number; attr: string; index: number }

/** Where the number sits in a column name, or undefined when the name has no ordinal. */
export function numberedParts(name: string): { key: string; ordinal: number; attr: string } | undefined {
  const ws = words(name);
  for (let i = 0; i < ws.length; i++) {
    const m = /^([A-Za-z]*?)(\d+)$/.exec(ws[i]);
    if (!m) continue;
    if (m[1] && DIGIT_WORDS.has(ws[i].toLowerCase())) continue;
    // A pure number directly after a word that makes a digit word with it (sha_256, utf_8) is not an ordinal.
    if (!m[1] && i > 0 && DIGIT_WORDS.has((ws[i - 1] + m[2]).toLowerCase())) continue;
    if (m[2].length > 2 && !m[1]) continue; // answer_2024: a year or a size, not an ordinal
    const before = ws.slice(0, i);
    const after = ws.slice(i + 1);
    // The family key: the words before the number; when there are none, the word the number is glued to
    // (phone1 → phone), or for a bare number in front the words after it (1_phone → phone).
    let key: string; let attrWords: string[];
    if (before.length > 0) { key = before.join('_'); attrWords = m[1] ? [m[1], ...after] : after; }
    else if (m[1]) { key = m[1]; attrWords = after; }
    else { key = after.join('_'); attrWords = []; }
    if (!key) return undefined;
    return { key: key.toLowerCase(), ordinal: Number(m[2]), attr: attrWords.join('_') };
  }
  return undefined;
}

/** Keys and composite indexes of the table: lower-cased column lists (MySQL prefix lengths dropped). */
function keyColumnSets(table: Table, ws: WorkspaceModel): { keys: Set<string>[]; indexes: Set<string>[] } {
  const norm = (cs: string[]) => new Set(cs.map((c) => c.replace(/\s*\(\d+\)\s*$/, '').toLowerCase()));
  const keys = [table.primaryKey, ...table.uniqueKeys].filter((k) => k !== undefined).map((k) => norm(k!.columns));
  const idx = [...table.indexes, ...indexesNamed(ws, table.name).filter((i) => sameTable(i.table, i.schema, table) && fileSeesTable(ws, i.file, table, i.span.start))];
  const indexes = idx.map((i) => norm(i.columns));
  return { keys, indexes };
}

function sameTable(name: string, schema: string | undefined, t: Table): boolean {
  if (name.toLowerCase() !== t.name.toLowerCase()) return false;
  return !schema || !t.schema || schema.toLowerCase() === t.schema.toLowerCase();
}

/**
 * A column that references another table: a declared foreign key, a comment saying so, or an integer
 * column whose stem names a table of the workspace (`device1` beside `devices`: MyISAM schemas declare none).
 */
function isReference(col: Column, table: Table, stem: string, ws?: WorkspaceModel): boolean {
  const lc = col.name.toLowerCase();
  if (table.foreignKeys.some((f) => f.columns.some((c) => c.toLowerCase() === lc))) return true;
  if (/\breferences?\s+[\w."]+|\bFK\b|\bforeign key\b/i.test(col.comment ?? '')) return true;
  if (!ws || !/^(tiny|small|medium|big)?int(eger)?\b|^(big)?serial\b/i.test(col.type.trim())) return false;
  return [stem, stem + 's', stem + 'es'].some((n) => { const r = findTable(ws, table, undefined, n); return !!r && r !== table; });
}

/** Numbered column families of the table that are repeating groups. */
export function detectRepeatingGroups(table: Table, ws?: WorkspaceModel): RepeatingGroupHit[] {
  const families = new Map<string, Member[]>();
  table.columns.forEach((column, index) => {
    if (column.generated) return;
    const p = numberedParts(column.name);
    if (!p) return;
    const list = families.get(p.key) ?? [];
    list.push({ column, index, ...p });
    families.set(p.key, list);
  });
  // The keys and indexes (a search of the workspace's indexes) only for tables with a numbered family: most have none.
  let sets: { keys: Set<string>[]; indexes: Set<string>[] } | undefined;
  const hits: RepeatingGroupHit[] = [];
  for (const [key, members] of families) {
    const ordinals = [...new Set(members.map((m) => m.ordinal))].sort((a, b) => a - b);
    if (ordinals.length < 2) continue;
    // Ordinals 0..n or 1..n without gaps; other numbers are measures (p25/p50/p95) or standards (iso 1/3).
    if (ordinals[0] > 1 || ordinals[ordinals.length - 1] - ordinals[0] + 1 !== ordinals.length) continue;
    if (ADDRESS_STEMS.test(key) || COORD_STEMS.test(key)) continue;
    const names = members.map((m) => m.column.name.toLowerCase());
    const inOne = (list: Set<string>[]) => list.some((s) => names.every((n) => s.has(n)));
    sets ??= ws ? keyColumnSets(table, ws) : { keys: [], indexes: [] };
    if (inOne(sets.keys) || inOne(sets.indexes)) continue;
    const slots = ordinals.map((o) => ({
      ordinal: o,
      columns: members.filter((m) => m.ordinal === o).sort((a, b) => a.index - b.index).map((m) => ({ attr: m.attr, column: m.column.name })),
    }));
    if (slots.length === 2) {
      if (ordinals[0] === 0) continue;
      const ref = (o: number) => members.some((m) => m.ordinal === o && isReference(m.column, table, key, ws));
      if (ref(ordinals[0]) && ref(ordinals[1])) continue;
    }
    // MapX1, MapY1, MapX2, MapY2: the corners of one rectangle (x/y of two points), not a repeated thing
    if (members.every((m) => COORD_STEMS.test(m.attr))) continue;
    // contact_address1, contact_address2: the number is on the address word, so these are the lines of one
    // (the contact's) address, as address1/address2 are
    if (members.every((m) => ADDRESS_STEMS.test(m.attr))) continue;
    if (key.split('_').some((w) => GENERIC_SLOTS.test(w))) continue;
    const weak = slots.length === 2 ? 'two slots may be the two ends of a pair (A/Z, from/to) rather than a repeated attribute' : undefined;
    const columns = [...members].sort((a, b) => a.index - b.index).map((m) => m.column.name);
    const stem = originalStem(members[0].column.name, key);
    const first = members.reduce((a, b) => (a.index < b.index ? a : b)).column;
    const evidence: Evidence[] = [{
      source: 'name',
      detail: `${columns.length} columns numbered ${ordinals[0]}..${ordinals[ordinals.length - 1]} share the stem "${stem}": ${columns.join(', ')}`,
      file: table.file, span: { start: first.span.start, end: members.reduce((a, b) => (a.index > b.index ? a : b)).column.span.end },
    }];
    hits.push({ stem, columns, slots, evidence, ...(weak ? { weak } : {}) });
  }
  return hits;
}

/** The stem as written in the first member (Course1 → Course, metric1_name → metric). */
function originalStem(name: string, key: string): string {
  const i = name.toLowerCase().replace(/[^a-z0-9]/g, '_').indexOf(key.replace(/[^a-z0-9]/g, '_'));
  if (i >= 0) return name.slice(i, i + key.length);
  return key;
}
