/**
 * One-to-one assignment: the set of links with the greatest total weight in which every paper
 * row and every system dossier appears at most once (not first come, first served). The
 * candidate graph is split into connected components, each solved exactly with the Hungarian
 * algorithm; blocking keeps components small, so the whole is near-linear. A component larger
 * than `maxExact` per side (never seen in practice) is solved greedily by descending weight.
 */

/** A candidate link between paper row `p` and system dossier `s` (any keys) with a positive gain. */
export interface Edge<P, S> {
  p: P;
  s: S;
  gain: number;
}

/** Chooses a maximum-total-gain one-to-one subset of `edges` (gains must be > 0). Deterministic. */
export function assignOneToOne<P, S>(edges: readonly Edge<P, S>[], maxExact = 400): Edge<P, S>[] {
  const pIndex = new Map<P, number>();
  const sIndex = new Map<S, number>();
  for (const e of edges) {
    if (!pIndex.has(e.p)) pIndex.set(e.p, pIndex.size);
    if (!sIndex.has(e.s)) sIndex.set(e.s, sIndex.size);
  }
  // Union-find over paper nodes [0, P) and system nodes [P, P+S).
  const offset = pIndex.size;
  const parent = Array.from({ length: pIndex.size + sIndex.size }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const e of edges) {
    const a = find(pIndex.get(e.p)!);
    const b = find(offset + sIndex.get(e.s)!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const components = new Map<number, Edge<P, S>[]>();
  for (const e of edges) {
    const root = find(pIndex.get(e.p)!);
    const list = components.get(root);
    if (list) list.push(e);
    else components.set(root, [e]);
  }
  const chosen: Edge<P, S>[] = [];
  for (const comp of [...components.keys()].sort((a, b) => a - b).map((k) => components.get(k)!)) {
    if (comp.length === 1) chosen.push(comp[0]!);
    else for (const e of solveComponent(comp, maxExact)) chosen.push(e);
  }
  return chosen;
}

function solveComponent<P, S>(edges: readonly Edge<P, S>[], maxExact: number): Edge<P, S>[] {
  const ps = [...new Set(edges.map((e) => e.p))];
  const ss = [...new Set(edges.map((e) => e.s))];
  if (Math.max(ps.length, ss.length) > maxExact) return greedy(edges);
  const n = Math.max(ps.length, ss.length);
  const pi = new Map(ps.map((p, i) => [p, i]));
  const si = new Map(ss.map((s, i) => [s, i]));
  // Cost = −gain; a missing edge costs 0 (leaving both unmatched).
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const edgeAt = new Map<number, Edge<P, S>>();
  for (const e of edges) {
    const i = pi.get(e.p)!;
    const j = si.get(e.s)!;
    if (-e.gain < cost[i]![j]!) {
      cost[i]![j] = -e.gain;
      edgeAt.set(i * n + j, e);
    }
  }
  const rowToCol = hungarian(cost);
  const out: Edge<P, S>[] = [];
  rowToCol.forEach((j, i) => {
    const e = edgeAt.get(i * n + j);
    if (e) out.push(e);
  });
  return out;
}

function greedy<P, S>(edges: readonly Edge<P, S>[]): Edge<P, S>[] {
  const usedP = new Set<P>();
  const usedS = new Set<S>();
  const out: Edge<P, S>[] = [];
  for (const e of [...edges]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.gain - a.e.gain || a.i - b.i)
    .map((x) => x.e)) {
    if (usedP.has(e.p) || usedS.has(e.s)) continue;
    usedP.add(e.p);
    usedS.add(e.s);
    out.push(e);
  }
  return out;
}

/**
 * Minimum-cost perfect assignment on a square matrix (Kuhn-Munkres with potentials, O(n³)).
 * Returns, for each row, its column.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const INF = Number.POSITIVE_INFINITY;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(INF);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}
