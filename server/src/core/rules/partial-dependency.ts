// 2NF: a non-prime column determined by a proper subset of a candidate key.
import { dependencyRule } from '../fd/report.ts';

export const partialDependency = dependencyRule({
  id: 'partial-dependency',
  description: 'A non-key column depends on only part of a composite key (2NF).',
  defaultSeverity: 'warning',
  normalForm: '2NF',
  docs: 'partial-dependency',
  fixable: true,
});
