// Reads a V8 .cpuprofile (node --cpu-prof) and ranks functions by self and
// inclusive time, as percentages of all samples.

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export interface Ranked { readonly key: string; readonly selfPct: number; readonly totalPct: number }

/** function name and file:line, with the repository root cut off */
function keyOf(f: CallFrame, root: string): string {
  const url = f.url.replace(/^file:\/\//, '').replace(root, '').replace(/^\//, '');
  return `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
}

export function rank(p: CpuProfile, root: string): { ranked: Ranked[]; totalMs: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // sample time per node from timeDeltas (hitCount alone ignores uneven intervals)
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  // walk from the root, counting a function's subtree once even when it recurses
  const subtree = new Map<number, number>();
  const sum = (id: number): number => {
    const n = byId.get(id)!;
    let s = self.get(id) ?? 0;
    for (const c of n.children ?? []) s += sum(c);
    subtree.set(id, s);
    return s;
  };
  const rootNode = p.nodes[0]!;
  sum(rootNode.id);
  const walk = (id: number, open: Set<string>): void => {
    const n = byId.get(id)!;
    const k = keyOf(n.callFrame, root);
    selfBy.set(k, (selfBy.get(k) ?? 0) + (self.get(id) ?? 0));
    const first = !open.has(k);
    if (first) { totalBy.set(k, (totalBy.get(k) ?? 0) + subtree.get(id)!); open.add(k); }
    for (const c of n.children ?? []) walk(c, open);
    if (first) open.delete(k);
  };
  walk(rootNode.id, new Set());
  const ranked = [...totalBy.keys()].map((key) => ({
    key, selfPct: (100 * (selfBy.get(key) ?? 0)) / total, totalPct: (100 * totalBy.get(key)!) / total,
  }));
  return { ranked, totalMs: total / 1000 };
}
