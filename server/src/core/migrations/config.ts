// The object form of `"migrations"` in .normlintrc.json (the string form keeps its old meaning: where
// fixes put the data migration). Pure: value in, config + messages out.
import { CONVENTIONS, type Convention } from './conventions.ts';
import type { MigrationsConfig } from './plan.ts';

const KEYS = ['path', 'convention', 'exclude', 'placeholders', 'fixes'];
const list = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
const isStringMap = (v: unknown): v is Record<string, string> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

export function parseMigrationsConfig(value: Record<string, unknown>, where: string, errors: string[]): { folders: MigrationsConfig; fixes?: 'inline' | 'file' } {
  const folders: MigrationsConfig = {};
  let fixes: 'inline' | 'file' | undefined;
  for (const [key, v] of Object.entries(value)) {
    switch (key) {
      case 'path':
        if (typeof v === 'string' && v.trim()) folders.path = v;
        else errors.push(`${where}.path must be a folder path, got ${JSON.stringify(v)}`);
        break;
      case 'convention':
        if (typeof v === 'string' && (CONVENTIONS as readonly string[]).includes(v)) folders.convention = v as Convention;
        else errors.push(`${where}.convention must be one of ${list(CONVENTIONS)}, got ${JSON.stringify(v)}`);
        break;
      case 'exclude':
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) folders.exclude = v;
        else errors.push(`${where}.exclude must be an array of glob patterns, got ${JSON.stringify(v)}`);
        break;
      case 'placeholders':
        if (isStringMap(v)) folders.placeholders = v;
        else errors.push(`${where}.placeholders must be an object of template text → replacement text`);
        break;
      case 'fixes':
        if (v === 'inline' || v === 'file') fixes = v;
        else errors.push(`${where}.fixes must be "inline" or "file", got ${JSON.stringify(v)}`);
        break;
      default:
        errors.push(`${where}: unknown key "${key}" (known: ${list(KEYS)})`);
    }
  }
  return { folders, fixes };
}
