// Settings shared by the CLI (.normlintrc.json) and the extension (normlint.* settings).
import type { DialectSetting } from './model.ts';
import type { Confidence, RuleId, Severity } from './findings.ts';
import type { MigrationsConfig } from './migrations/plan.ts';

export type RuleSetting = Severity | 'off';

export interface Options {
  dialect: DialectSetting;
  /** Per-rule severity override, or 'off'. Missing = the rule's default severity. */
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Infer dependencies from INSERT rows. */
  dataInference: boolean;
  /** Where fixes put the data migration: an inline comment block, or a new file beside the schema. */
  migrations: 'inline' | 'file';
  /** `"migrations": {path, convention, exclude, placeholders}`: which folders are migrations (else detected from names). */
  migrationFolders?: MigrationsConfig;
  /** Dependency findings with weaker evidence than this are not reported ('low' shows all). */
  minConfidence: Confidence;
}

export const defaultOptions: Options = {
  dialect: 'auto',
  rules: {},
  dataInference: true,
  migrations: 'inline',
  minConfidence: 'medium',
};
