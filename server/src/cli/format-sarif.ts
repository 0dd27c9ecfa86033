// `check --format sarif`: SARIF 2.1.0 with tool.driver.rules from the rule registry, so GitHub code
// scanning shows the rule, its help link and level. Lines and columns are 1-based (UTF-16 units).
import type { Confidence, Finding, Severity } from '../core/findings.ts';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules } from '../core/rules/index.ts';

const HELP = 'https://github.com/normlint/normlint/blob/main/README.md#';
/** SARIF `rank` (0–100, how likely a result is a real problem) from the finding's evidence strength. */
const RANK: Record<Confidence, number> = { high: 90, medium: 60, low: 30 };
const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
/** Relative paths stay relative (GitHub resolves them against the checkout); absolute ones become file: URIs. */
const uri = (file: string) => (isAbsolute(file) ? pathToFileURL(file).href : file.replace(/\\/g, '/').replace(/^\.\//, ''));

export function checkSarif(findings: Finding[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id as string, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'normlint', version, semanticVersion: version, informationUri: 'https://github.com/normlint/normlint',
          rules: rules.map((r) => ({
            id: r.meta.id, name: r.meta.id,
            shortDescription: { text: r.meta.description }, fullDescription: { text: r.meta.description },
            helpUri: HELP + r.meta.docs, help: { text: `${r.meta.description} See ${HELP}${r.meta.docs}` },
            defaultConfiguration: { level: level(r.meta.defaultSeverity) },
            properties: { tags: r.meta.normalForm ? ['normalization', r.meta.normalForm] : ['normalization'] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: findings.map((f) => ({
        ruleId: f.rule, ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
        level: level(f.severity), ...(f.confidence ? { rank: RANK[f.confidence] } : {}), message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uri(f.file) },
            region: {
              startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
            },
          },
        }],
        partialFingerprints: { normlintFinding: `${f.rule}:${f.table}:${f.columns.join(',')}` },
        ...(f.fixes.length || f.confidence ? { properties: {
          ...(f.fixes.length ? { fixes: f.fixes.map((x) => x.title) } : {}),
          ...(f.confidence ? { confidence: f.confidence } : {}),
        } } : {}),
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2);
}
