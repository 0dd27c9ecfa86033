// 3NF: a non-prime column determined by a column set that is not a key (including copies of a referenced table's columns).
import { dependencyRule } from '../fd/report.ts';

export const transitiveDependency = dependencyRule({
  id: 'transitive-dependency',
  description: 'A non-key column depends on another non-key column (3NF), e.g. a copy of a referenced row.',
  defaultSeverity: 'warning',
  normalForm: '3NF',
  docs: 'transitive-dependency',
  fixable: true,
});
