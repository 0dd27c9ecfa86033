// Loading a case written for one dialect into another engine: the few rewrites the shared cases need,
// applied only when the case's dialect differs from the engine's. Everything else in the cases is
// portable SQL; a case that still does not load fails the round trip with the engine's error.
import type { Dialect } from '../../../server/src/core/model.ts';

const family = (d: string) => (d === 'mysql' || d === 'mariadb' ? 'mysql' : d);

export function translateCase(text: string, from: string, to: Dialect): string {
  if (family(from) === family(to)) return text;
  let out = text;
  if (family(to) === 'mysql') {
    // MySQL/MariaDB cannot key a TEXT column without a prefix length.
    out = out.replace(/\b(\w+)(\s+)TEXT(\s+PRIMARY\s+KEY)/gi, '$1$2VARCHAR(255)$3');
  }
  if (to === 'postgresql' || to === 'sqlite') {
    out = out.replace(/\s+AUTO_INCREMENT\b/gi, '');
    out = out.replace(/\bDATETIME\b/g, 'TIMESTAMP');
  }
  return out;
}
