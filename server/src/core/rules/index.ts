// The rule registry. One file per rule; add it here.
import type { Rule } from '../rule.ts';
import { unreadableStatement } from './unreadable-statement.ts';
import { listColumn } from './list-column.ts';
import { repeatingGroup } from './repeating-group.ts';
import { fkMissingIndex } from './fk-missing-index.ts';
import { partialDependency } from './partial-dependency.ts';
import { transitiveDependency } from './transitive-dependency.ts';
import { bcnfViolation } from './bcnf-violation.ts';

export const rules: Rule[] = [unreadableStatement, listColumn, repeatingGroup, fkMissingIndex, partialDependency, transitiveDependency, bcnfViolation];

export const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
