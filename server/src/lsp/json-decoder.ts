// Decoding of the JSON messages the client sends, for vscode-jsonrpc's reader (its contentTypeDecoder option).
// Its own decoder turns a message into a string and parses it in one call: for the didOpen of a 17 MB file that
// is one turn of the server loop of 100-300 ms (UTF-8 decode and JSON.parse), during which no hover or cancel is
// answered (issue 14). A big message is nearly all one or two long strings (the document's text), so here a long
// string is decoded a slice at a time with a turn of the loop between slices, and the rest of the message (small)
// is parsed in one call with each long string replaced by a placeholder. The result is the value JSON.parse gives
// for the whole message; anything unexpected (not valid JSON, another charset) is left to one JSON.parse, which
// then throws what it always threw.

/** Messages shorter than this (bytes) are parsed in one call: a few milliseconds. */
const BIG_MESSAGE = 1 << 20;
/** Strings longer than this (bytes, escapes included) are decoded in slices. */
const LONG_STRING = 64 * 1024;
/** Bytes of a long string decoded per turn of the loop. */
const SLICE = 512 * 1024;

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, LOWER_U = 0x75;

export interface SliceOptions {
  bigMessage: number; longString: number; slice: number; pause: () => Promise<void>;
  /** Told when a message that was to be decoded in slices is parsed whole after all (tests: it never should be). */
  parsedWhole?: (why: string) => void;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
const defaults: SliceOptions = { bigMessage: BIG_MESSAGE, longString: LONG_STRING, slice: SLICE, pause: yieldToLoop };

/** vscode-jsonrpc's FunctionContentTypeDecoder for application/json. */
export const slicedJsonDecoder = {
  name: 'application/json',
  decode(buffer: Uint8Array, options: { charset: string }): Promise<any> {
    return decodeJson(buffer, options.charset);
  },
};

export async function decodeJson(buffer: Uint8Array, charset = 'utf-8', opts: SliceOptions = defaults): Promise<any> {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.length < opts.bigMessage || !/^utf-?8$/i.test(charset)) return parseWhole(bytes, charset);
  const long = longStrings(bytes, opts.longString);
  if (!long) { opts.parsedWhole?.('no long string'); return parseWhole(bytes, charset); }
  // a placeholder no string of this message holds (checked): the reviver below then replaces exactly ours
  const tag = `\u0000normlint-slice-${Math.random().toString(36).slice(2)}-`;
  if (bytes.indexOf(tag.slice(1)) >= 0) { opts.parsedWhole?.('placeholder in the message'); return parseWhole(bytes, charset); }
  let sliced: any;
  try {
    sliced = await parseInSlices(bytes, long, tag, opts);
  } catch (err) {
    // not valid JSON: what JSON.parse says of the whole message
    opts.parsedWhole?.(`failed: ${(err as Error).message}`);
    return parseWhole(bytes, charset);
  }
  if (sliced === undefined) { opts.parsedWhole?.('a string of the message equals a placeholder'); return parseWhole(bytes, charset); }
  return sliced;
}

/** The message with its long strings decoded in slices; undefined when a string of its own equals a placeholder. */
async function parseInSlices(bytes: Buffer, long: [number, number][], tag: string, opts: SliceOptions): Promise<any> {
  const values: string[] = [];
  for (const [start, end] of long) {
    values.push(await decodeString(bytes, start, end, opts));
  }
  const parts: Buffer[] = [];
  let at = 0;
  long.forEach(([start, end], k) => {
    parts.push(bytes.subarray(at, start), Buffer.from(JSON.stringify(tag + k).slice(1, -1), 'utf8'));
    at = end;
  });
  parts.push(bytes.subarray(at));
  let placed = 0;
  const message = JSON.parse(Buffer.concat(parts).toString('utf8'), (_key, value) => {
    if (typeof value !== 'string' || !value.startsWith(tag)) return value;
    placed++;
    return values[Number(value.slice(tag.length))];
  });
  // each placeholder is in the text once: one more means a string of the message itself looked like one
  return placed === long.length ? message : undefined;
}

function parseWhole(bytes: Buffer, charset: string): any {
  return JSON.parse(/^utf-?8$/i.test(charset) ? bytes.toString('utf8') : new TextDecoder(charset).decode(bytes));
}

/**
 * The long string values of the message as [start, end) byte ranges of their contents (between the quotes), in
 * order; null when there are none or the text is not well-formed enough to say (then it is parsed whole). In
 * JSON a quote outside a string opens one, and inside a string only an unescaped quote closes it.
 */
function longStrings(bytes: Buffer, min: number): [number, number][] | null {
  const out: [number, number][] = [];
  for (let open = bytes.indexOf(QUOTE); open >= 0; open = bytes.indexOf(QUOTE, open + 1)) {
    let close = bytes.indexOf(QUOTE, open + 1);
    while (close >= 0 && escaped(bytes, close)) close = bytes.indexOf(QUOTE, close + 1);
    if (close < 0) return null;
    // an object key (followed by ':') stays in the part parsed whole
    if (close - open - 1 >= min && !isKey(bytes, close + 1)) out.push([open + 1, close]);
    open = close;
  }
  return out.length ? out : null;
}

/** The byte at i follows an odd number of backslashes: it is escaped. */
function escaped(bytes: Buffer, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && bytes[i - n - 1] === BACKSLASH) n++;
  return n % 2 === 1;
}

function isKey(bytes: Buffer, i: number): boolean {
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === COLON;
}

/**
 * The value of the JSON string whose contents are bytes [start, end), decoded a slice at a time. A slice ends
 * neither inside a UTF-8 sequence nor inside an escape (\n, \uXXXX); an escaped surrogate pair may be split,
 * which is harmless: the two halves are joined again as UTF-16 code units.
 */
async function decodeString(bytes: Buffer, start: number, end: number, opts: SliceOptions): Promise<string> {
  const pieces: string[] = [];
  for (let from = start; from < end;) {
    let cut = Math.min(end, from + opts.slice);
    while (cut < end && (bytes[cut] & 0xc0) === 0x80) cut++; // not inside a UTF-8 sequence
    for (let p = cut - 1; p >= Math.max(from, cut - 6); p--) {
      if (bytes[p] !== BACKSLASH || escaped(bytes, p)) continue;
      // the nearest escape starting before the cut: move the cut before it when it reaches past the cut
      const escapeEnd = p + (bytes[p + 1] === LOWER_U ? 6 : 2);
      // (the escape itself when it starts the slice: slices smaller than an escape, in tests)
      if (escapeEnd > cut) cut = p > from ? p : Math.min(end, escapeEnd);
      break;
    }
    pieces.push(JSON.parse(`"${bytes.toString('utf8', from, cut)}"`));
    from = cut;
    if (from < end) await opts.pause();
  }
  return pieces.join('');
}
