// Editor settings (section `normlint`) → core Options, validated as `.normlintrc.json` is (core/config.ts, the
// contributed schema): invalid values are reported (never silently dropped) and fall back to the default for
// that key; keys the file does not have (other editor settings) and unset (null) values are left alone.
import { defaultOptions, type Options } from '../core/options.ts';
import { validateConfig } from '../core/config.ts';

export interface SettingsResult { options: Partial<Options>; problems: string[] }

export function readSettings(raw: unknown, where: string): SettingsResult {
  if (raw === undefined || raw === null) return { options: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { options: {}, problems: [`${where}: expected an object`] };
  const r = validateConfig(raw, where, { ignoreUnknown: true });
  // the editor's settings pick where fixes put the data migration only (folders come from the file)
  const { migrationFolders: _folders, ...options } = r.options;
  return { options, problems: r.errors };
}

/** defaults ← editor settings ← .normlintrc.json (the project file wins, so the CLI and the editor agree). */
export function mergeOptions(editor: Partial<Options>, rc: Partial<Options> | undefined): Options {
  return {
    ...defaultOptions, ...editor, ...(rc ?? {}),
    rules: { ...defaultOptions.rules, ...(editor.rules ?? {}), ...(rc?.rules ?? {}) },
  };
}

export function sameOptions(a: Options, b: Options): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
