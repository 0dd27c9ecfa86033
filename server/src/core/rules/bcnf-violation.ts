// BCNF: a dependency X → A whose determinant X is not a superkey, not already reported by the 2NF/3NF rules
// (A is prime, so 3NF allows it).
import { dependencyRule } from '../fd/report.ts';

export const bcnfViolation = dependencyRule({
  id: 'bcnf-violation',
  description: 'A dependency whose determinant is not a candidate key, where 2NF/3NF do not already apply (BCNF).',
  defaultSeverity: 'warning',
  normalForm: 'BCNF',
  docs: 'bcnf-violation',
  fixable: true,
});
