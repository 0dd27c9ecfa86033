// Column-name vocabulary shared by the dependency sources: splitting names into words (snake, camel,
// Pascal), identifier suffixes, abbreviations, and the words that mark a column as describing the row
// or the relationship rather than a referenced entity.
import { memoByString } from '../memo.ts';

/** `dept_id` → [dept, id]; `DepartmentID` → [department, id]; `empFullName` → [emp, full, name].
 *  Memoized (names repeat across tables and sources); callers must not mutate the returned arrays. */
export const words = memoByString((name: string) => split(name));

/** The words joined with '_' (`ArtistName` and `artist_name` both give `artist_name`), cached. */
export const wordKey = memoByString((name: string) => words(name).join('_'));

function split(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Last words that make a column an identifier of the entity its other words name: `dept_id`, `ZipCode`, `empNo`. */
export const ID_WORDS = new Set(['id', 'code', 'no', 'num', 'nr']);

/** A column whose name marks it as an identifier (`x_id`, `xID`, `x_code`, `xNo`, `id`, `uuid`). */
export function isIdLike(name: string): boolean {
  return isIdLikeWords(words(name));
}

export function isIdLikeWords(w: string[]): boolean {
  const last = w[w.length - 1];
  return ID_WORDS.has(last) || last === 'uuid' || last === 'guid';
}

/**
 * Attribute words that describe the row itself or the relationship, never a referenced entity:
 * timestamps of the row, quantities, prices at the time of sale, state, ordering, flags, derived
 * representations of a value (hash, lower, normalized). A dependent whose attribute part contains one
 * of these is not treated as a copy.
 */
const ROW_WORDS = new Set([
  // time of the row
  'at', 'on', 'date', 'time', 'timestamp', 'ts', 'datetime', 'created', 'updated', 'modified', 'deleted',
  'changed', 'started', 'ended', 'start', 'end', 'expires', 'expiry', 'expire', 'expiration', 'login', 'logout',
  'since', 'until', 'from', 'to', 'when', 'seen', 'sent', 'received', 'added', 'removed', 'inserted', 'update',
  // quantities and money of the relationship
  'quantity', 'qty', 'amount', 'price', 'cost', 'total', 'subtotal', 'discount', 'tax', 'count', 'cnt', 'sum',
  'balance', 'rate', 'value', 'val', 'score', 'result', 'results', 'percent', 'percentage', 'ratio',
  // state, flags, ordering, bookkeeping
  'status', 'state', 'flag', 'flags', 'enabled', 'disabled', 'active', 'deleted', 'verified', 'confirmed',
  'is', 'has', 'can', 'allow', 'allowed', 'visible', 'hidden', 'locked', 'valid', 'default', 'primary', 'main',
  'order', 'ordering', 'position', 'pos', 'sort', 'rank', 'seq', 'sequence', 'index', 'idx', 'ordinal', 'priority',
  'version', 'rev', 'revision', 'line', 'part', 'step', 'level', 'depth', 'slot', 'offset',
  'note', 'notes', 'comment', 'comments', 'remark', 'remarks', 'memo', 'reason', 'message', 'msg', 'error',
  'by', 'role', 'kind', 'class', 'table', 'mode', 'option', 'options', 'setting', 'settings', 'config',
  'data', 'json', 'meta', 'metadata', 'extra', 'payload', 'blob', 'raw', 'tmp', 'temp', 'old', 'new', 'prev', 'next',
  'previous', 'original', 'current', 'cur',
  // a representation of the determinant's own value
  'hash', 'digest', 'checksum', 'salt', 'lower', 'upper', 'normalized', 'norm', 'canonical', 'encrypted', 'enc',
  'token', 'secret', 'password', 'signature', 'sig', 'mask', 'masked', 'prefix', 'suffix', 'len', 'length', 'size',
  'uuid', 'guid', 'key', 'ref', 'id', 'code', 'no', 'num', 'nr', 'number', 'ids', 'list',
]);

/** True when any word of the attribute part marks the column as describing the row/relationship. */
export function isRowAttribute(attrWords: string[]): boolean {
  return attrWords.some((w) => ROW_WORDS.has(w) || /^\d+$/.test(w));
}

/** Attribute words that name a property of an entity: a copy of one is a clear redundancy. */
export const ENTITY_ATTRIBUTES = new Set([
  'name', 'names', 'fullname', 'title', 'label', 'description', 'desc', 'caption', 'email', 'mail', 'phone',
  'address', 'city', 'country', 'region', 'zip', 'postcode', 'manager', 'owner', 'creator', 'author', 'publisher',
  'specialty', 'speciality', 'department', 'dept', 'category', 'location', 'url', 'year', 'type', 'framework',
  'nickname', 'username', 'firstname', 'lastname', 'full', 'display', 'short', 'long', 'abbr', 'abbreviation',
  'symbol', 'currency', 'language', 'genre', 'artist', 'album', 'brand', 'model', 'weight', 'color', 'colour',
  'fee', 'sn', 'pic', 'nickname', 'head', 'leader', 'founder', 'rating',
]);

/** Words that, ending a bare column name, make it an attribute rather than an entity (`first_name`, `created`). */
const ATTRIBUTE_ENDINGS = new Set([
  ...ROW_WORDS, 'name', 'title', 'label', 'description', 'desc', 'text', 'body', 'content', 'summary', 'email',
  'phone', 'address', 'url', 'uri', 'path', 'file', 'image', 'photo', 'avatar', 'icon', 'type', 'year', 'month',
  'day', 'hour', 'minute', 'second', 'weight', 'height', 'width', 'color', 'lat', 'lng', 'lon', 'latitude',
  'longitude', 'x', 'y', 'z', 'min', 'max', 'avg', 'mean', 'median', 'pass', 'passwd', 'login', 'user',
]);

/** A bare column (`framework`, `sku`, `course`) that can stand for an entity: one or two plain words, none an attribute word. */
export function isEntityWord(ws: string[]): boolean {
  return ws.length >= 1 && ws.length <= 2 && !ws.some((w) => ATTRIBUTE_ENDINGS.has(w) || /\d/.test(w) || w.length < 3);
}

/** Types a bare entity-naming column does not have. */
export function isPlainValueType(type: string): boolean {
  return !/\[\]|^(bool|boolean|bit|date|time|timestamp|datetime|interval|json|jsonb|blob|bytea|binary|varbinary|real|float|double|decimal|numeric|money|xml|tsvector|point|geometry|geography)\b/i.test(type.trim());
}

/** Textual types (or none, as SQLite allows): what a bare entity name like `framework` or `sku` is stored as. */
export function isTextType(type: string): boolean {
  const t = type.trim();
  return t === '' || (!/\[\]/.test(t) && /^(n?var)?char|^(tiny|medium|long)?text|^string|^citext|^character|^varchar2|^nvarchar/i.test(t));
}

/** Common abbreviations seen in teaching and legacy schemas. */
const ABBREVIATIONS = new Map<string, string>(Object.entries({
  emp: 'employee', dept: 'department', dep: 'department', stu: 'student', instr: 'instructor', inst: 'instructor',
  cust: 'customer', prod: 'product', cat: 'category', addr: 'address', org: 'organization', acct: 'account',
  mgr: 'manager', co: 'course', pub: 'publisher', auth: 'author', cls: 'class', prj: 'project', proj: 'project',
  sup: 'supplier', supp: 'supplier', vend: 'vendor', wh: 'warehouse', loc: 'location', pat: 'patient', doc: 'doctor',
}));

/** True when `a` and `b` name the same word, one possibly abbreviated (`Stu`/`Student`, `Instr`/`Instructor`, `Dept`/`Department`). */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return abbreviates(a, b) || abbreviates(b, a);
}

function abbreviates(short: string, long: string): boolean {
  if (short.length >= long.length) return false;
  if (ABBREVIATIONS.get(short) === long) return true;
  // a prefix of at least 3 letters: `instr` ↔ `instructor`, `stu` ↔ `student`; but not a word that is
  // the first half of a compound (`data` of `dataset`, `user` of `username`, `time` of `timestamp`)
  return short.length >= 3 && long.startsWith(short) && !COMMON_WORDS.has(short) && !COMMON_WORDS.has(long.slice(short.length));
}

/** Whole words that are not abbreviations, and second halves of compounds (data|set, pass|word, time|stamp). */
const COMMON_WORDS = new Set([
  'data', 'user', 'use', 'name', 'time', 'type', 'item', 'part', 'line', 'list', 'base', 'book', 'note', 'room',
  'class', 'test', 'work', 'form', 'port', 'pass', 'post', 'over', 'under', 'out', 'sub', 'super', 'inter', 'meta',
  'key', 'sale', 'order', 'stock', 'card', 'file', 'page', 'group', 'team', 'host', 'node', 'play', 'track', 'set',
  'word', 'stamp', 'point', 'mark', 'box', 'man', 'art', 'car', 'pro', 'con', 'pre', 'tag', 'map', 'log', 'job',
  'run', 'task', 'step', 'web', 'app', 'site', 'zone', 'code', 'text', 'view', 'link', 'path', 'role', 'rule', 'load',
]);

/** `orders` → `order`, `categories` → `category`, `addresses` → `address` (the project's one singularizer). */
export { singular } from '../inflect.ts';
