// How strong the evidence of an inferred dependency is, and when a copy is a snapshot kept on purpose.
// high: declared (@fd, @key), a copy along the row's own FK path, data showing the redundancy;
// medium: naming with an identifier-shaped determinant (x_id, xID, x_code, x_no, a key or FK column);
// low: naming from a bare word, data on a handful of rows, same-name copies of generic names.
import { confidenceRank, type Confidence } from '../findings.ts';
import type { Inferred, TableContext } from './context.ts';
import { words } from './names.ts';

/** The strength an inferred dependency carries: its own, else its source's usual one. */
export function confidenceOf(d: Inferred): Confidence {
  if (d.confidence) return d.confidence;
  switch (d.evidence.source) {
    case 'naming': return d.weak ? 'low' : 'medium';
    default: return 'high'; // key, annotation, reference, data
  }
}

export const stronger = (a: Confidence, b: Confidence): Confidence => (confidenceRank(a) >= confidenceRank(b) ? a : b);

/**
 * Table names that say the rows record an event or keep a value as it was: history, audit and log
 * tables, received or queued messages (inbox, queue, notifications, webhooks, transactions, form
 * submissions: each row is what one message said), runs and executions of a job or workflow (each row is
 * one run, as it ran), and the lines of an order, invoice or sale (which keep the name and price at the
 * time of sale). Not `version`: a model's versions are children of the model, and its name copied into each
 * is a plain copy (`model_versions.model_name`).
 */
const EVENT_TABLE_WORDS = new Set([
  'history', 'histories', 'hist', 'audit', 'audits', 'log', 'logs', 'event', 'events', 'archive', 'archives',
  'snapshot', 'snapshots', 'journal', 'changelog', 'trail', 'order', 'orders', 'invoice', 'invoices', 'receipt',
  'receipts', 'purchase', 'purchases', 'sale', 'sales', 'cart', 'carts', 'booking', 'bookings', 'quote', 'quotes',
  'inbox', 'outbox', 'queue', 'queues', 'notification', 'notifications', 'webhook', 'webhooks', 'ipn',
  'transaction', 'transactions', 'txn', 'txns', 'submission', 'submissions',
  'run', 'runs', 'execution', 'executions',
]);

/**
 * Words of a key column that say each row is one transaction or notification (`txn_id`, `paypal_ipn_id`,
 * `notification_id`): the row records what that message said, whatever the table is called.
 */
const EVENT_KEY_WORDS = new Set(['txn', 'transaction', 'ipn', 'notification']);

/**
 * Why copies of a referenced entity's values in this row may be a snapshot taken on purpose, or
 * undefined: the table's name says it records events or sale lines, or the determinant's foreign key is
 * `ON DELETE SET NULL` (the row outlives its parent, so it must keep what it copied).
 */
export function snapshotReason(t: TableContext, determinant: string[]): string | undefined {
  const role = words(t.table.name).find((w) => EVENT_TABLE_WORDS.has(w));
  if (role) return `${t.table.name} records ${recorded(role)}, whose rows often keep values as they were at the time`;
  const eventKey = t.keys.flatMap((k) => k.columns).find((c) => words(t.display(c)).some((w) => EVENT_KEY_WORDS.has(w)));
  if (eventKey) return `each ${t.table.name} row is one transaction or notification, by its key ${t.display(eventKey)}, and keeps what it said at the time`;
  const fk = t.table.foreignKeys.find((f) => f.columns.length === determinant.length && f.columns.every((c) => determinant.includes(c.toLowerCase())));
  if (fk?.references.onDelete === 'set null') return `the foreign key ${fk.columns.join(', ')} is ON DELETE SET NULL, so the row outlives the ${fk.references.table} row it copied from`;
  return undefined;
}

/** What a table named with this event word records, for the message. */
function recorded(role: string): string {
  if (/^(order|invoice|receipt|purchase|sale|cart|booking|quote)/.test(role)) return 'sales or orders';
  if (/^(run|execution)/.test(role)) return 'runs or executions';
  return 'events or messages';
}

/**
 * Why a copy inferred from names or a reference is weak evidence, or undefined (then at most a low info,
 * with the reason in the message): every copied column is a yes/no flag. A flag is a state that changes,
 * and a row of another table that keeps one (`sessions.student_banned` beside `student_id`: "the student was banned because of this
 * session") usually records it as it was then, or as that row's own outcome, rather than a copy meant to
 * stay in step. (A determinant that defaults to 0 without a foreign key is not weak by itself: concourse's
 * `containers.meta_build_id … DEFAULT 0` beside `meta_build_name` is a real copy.)
 */
export function weakCopyReason(t: TableContext, d: Inferred): string | undefined {
  if (!d.dependents.every((c) => isFlagType(t.cols.get(c)?.type ?? ''))) return undefined;
  return `${d.dependents.map(t.display).join(', ')} ${d.dependents.length > 1 ? 'are yes/no flags' : 'is a yes/no flag'}, which a ${t.table.name} row usually records as it was at the time or as its own outcome`;
}

/** `boolean`, `bool`, `bit`, `bit(1)`, `tinyint(1)`: a yes/no column. */
function isFlagType(type: string): boolean {
  return /^(boolean|bool|bit(\s*\(\s*1\s*\))?|tinyint\s*\(\s*1\s*\)( unsigned)?)$/i.test(type.trim());
}
