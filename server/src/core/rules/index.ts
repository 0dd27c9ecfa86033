// The rule registry. One file per rule; add it here.
import type { Rule } from '../rule.ts';
import { unreadableStatement } from './unreadable-statement.ts';

export const rules: Rule[] = [unreadableStatement];

export const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
