// The bench table: one row per figure, Switchyard beside the reference
// measured in the same run, the ratio, and issue 7's target.
import { formatNumber } from './lib/stats.js';
import type { Figures, MetricSpec, Scenario } from './scenarios/scenario.js';

export interface Outcome {
  readonly scenario: Scenario;
  readonly switchyard?: Figures;
  readonly reference?: Figures;
  /** why a side has no figures */
  readonly notes: string[];
}

function valueText(n: number | undefined, unit: string): string {
  if (n === undefined || Number.isNaN(n)) return '—';
  if (unit === 'B') return n >= 1024 ? `${formatNumber(n / 1024)} KiB` : `${formatNumber(n)} B`;
  return unit === '/s' ? `${formatNumber(n)}/s` : `${formatNumber(n)}${unit ? ` ${unit}` : ''}`;
}

/** how many times better Switchyard is: above 1 means ahead of the reference */
export function advantage(m: MetricSpec, sy: number | undefined, ref: number | undefined): number | undefined {
  if (sy === undefined || ref === undefined || !(sy > 0) || !(ref > 0)) return undefined;
  return m.better === 'higher' ? sy / ref : ref / sy;
}

function targetText(m: MetricSpec): string {
  const parts: string[] = [];
  if (m.ratioTarget !== undefined) parts.push(`>= ${m.ratioTarget}x`);
  if (m.absoluteTarget !== undefined) parts.push(`${m.better === 'higher' ? '>=' : '<='} ${valueText(m.absoluteTarget, m.unit)}`);
  return parts.join(', ');
}

export function verdict(m: MetricSpec, sy: number | undefined, ref: number | undefined): string {
  if (m.ratioTarget === undefined && m.absoluteTarget === undefined) return '';
  if (sy === undefined) return 'skip';
  const ratio = advantage(m, sy, ref);
  const ratioOk = m.ratioTarget === undefined || (ratio !== undefined && ratio >= m.ratioTarget);
  const absOk = m.absoluteTarget === undefined || (m.better === 'higher' ? sy >= m.absoluteTarget : sy <= m.absoluteTarget);
  return ratioOk && absOk ? 'ok' : 'MISS';
}

export function renderTable(outcomes: readonly Outcome[]): string {
  const head = ['scenario / figure', 'Switchyard', 'reference', 'ratio', 'target', ''];
  const rows: (string[] | string)[] = [];
  const notes: string[] = [];
  for (const o of outcomes) {
    rows.push(o.scenario.title);
    for (const m of o.scenario.metrics) {
      const sy = o.switchyard?.[m.key];
      const ref = o.reference?.[m.refKey ?? m.key];
      const r = advantage(m, sy, ref);
      rows.push([`  ${m.label}`, o.scenario.skip && sy === undefined ? 'skipped' : valueText(sy, m.unit), valueText(ref, m.unit),
        r === undefined ? '—' : `${formatNumber(r)}x`, targetText(m), verdict(m, sy, ref)]);
    }
    for (const n of o.notes) notes.push(`${o.scenario.id}: ${n}`);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (typeof r === 'string' ? 0 : r[i]!.length))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) out.push(typeof r === 'string' ? r : line(r));
  out.push('', 'ratio: times better than the reference (above 1 = Switchyard ahead); reference: aws-local-stepfunctions in memory, raw commit rates for the durable rows.');
  if (notes.length) out.push('', ...notes);
  return out.join('\n');
}
