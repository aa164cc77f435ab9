/**
 * scikit-learn's column-visiting order (internal, featureOrder 'sklearn'): BestSplitter.node_split
 * of scikit-learn 1.2 with max_features = n_features and random_state=0, so that equal
 * improvements are resolved as there.
 * @module
 */
import type { GrowState, NodeRecord } from './growState.js';
import { scanColumn } from './scanColumn.js';

/** scikit-learn's seed for rand_r with random_state=0: RandomState(0).randint(0, 2**31 - 1). */
const SKLEARN_RAND_R_SEED = 209652396;

/** scikit-learn's features and constant_features arrays, and its rand_r state. */
export interface SklearnOrder {
  readonly features: Int32Array;
  readonly constants: Int32Array;
  state: number;
}

export function createSklearnOrder(d: number): SklearnOrder {
  return {
    features: Int32Array.from({ length: d }, (_, j) => j),
    constants: Int32Array.from({ length: d }, (_, j) => j),
    state: SKLEARN_RAND_R_SEED,
  };
}

/** sklearn/utils/_random.pxd our_rand_r (xorshift on uint32) and tree/_utils rand_int. */
function randInt(sk: SklearnOrder, low: number, high: number): number {
  let s = sk.state;
  if (s === 0) s = 1;
  s = (s ^ (s << 13)) >>> 0;
  s = (s ^ (s >>> 17)) >>> 0;
  s = (s ^ (s << 5)) >>> 0;
  sk.state = s;
  return low + ((s % 0x80000000) % (high - low));
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Scans the node's columns in scikit-learn's random order (updating st.best), skipping the
 * rec.skConstants columns known constant, and sets rec.skConstantsOut.
 */
export function scanSklearnOrder(st: GrowState, rec: NodeRecord): void {
  const { start, end, stats, constant } = rec;
  const { sk, d } = st;
  const { features, constants } = sk;
  const nKnown = rec.skConstants;
  let fi = d;
  let nFound = 0;
  let nDrawn = 0;
  let nTotal = nKnown;
  let visited = 0;
  while (fi > nTotal && (visited < d || visited <= nFound + nDrawn)) {
    visited++;
    let fj = randInt(sk, nDrawn, fi - nFound);
    if (fj < nKnown) {
      swap(features, nDrawn, fj);
      nDrawn++;
      continue;
    }
    fj += nFound;
    if (scanColumn(st, features[fj]!, start, end, stats, constant)) {
      swap(features, fj, nTotal);
      nFound++;
      nTotal++;
      continue;
    }
    fi--;
    swap(features, fi, fj);
  }
  features.set(constants.subarray(0, nKnown), 0);
  constants.set(features.subarray(nKnown, nKnown + nFound), nKnown);
  rec.skConstantsOut = nTotal;
}
