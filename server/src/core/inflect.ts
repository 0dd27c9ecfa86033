// The one singularizer/pluralizer of the project (fd names, 1NF list names, fix table names), on the
// `pluralize` package (a maintained English rule set with irregular and uncountable words: status,
// analysis, series, people), keeping the word's case (Courses → Course, CATEGORIES → CATEGORY).
// Column-name words that English treats otherwise are pinned here: `data` is not the plural of datum in
// a schema, `sms`, `canvas`, `media` and `metadata` name one thing.
import pluralize from 'pluralize';
import { memoByString } from './memo.ts';

for (const w of ['data', 'metadata', 'media', 'sms', 'canvas', 'gas']) pluralize.addUncountableRule(w);

/** `orders` → `order`, `categories` → `category`, `addresses` → `address`, `status` → `status`. Memoized. */
export const singular = memoByString((w: string) => pluralize.singular(w));

/** `course` → `courses`, `category` → `categories`, `Class` → `Classes`. Memoized. */
export const plural = memoByString((w: string) => pluralize.plural(w));

/** True when the word is already singular (`framework`, `status`), false for `frameworks`. */
export const isSingular = (w: string) => singular(w) === w;
