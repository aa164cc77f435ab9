// A deliberately naive re-implementation of the lifecycle rule (docs/lifecycle.md), on plain rows,
// used as the oracle of the property tests. No typed arrays, no shared code with src/lifecycle.
type Id = string | number;
export interface Row { customer: Id; date: number }
export interface BruteOptions {
  asOf: number;
  derivedAsOf?: number;
  knownCustomers?: Id[];
  intervalDays?: number;
  atRiskAfter?: number; lapsedAfter?: number; formerAfter?: number; newWithin?: number;
  atRiskDays?: number; lapsedDays?: number; formerDays?: number; newDays?: number;
}

const DAY = 24 * 3600 * 1000;
const days = (later: number, earlier: number) => Math.floor((later - earlier) / DAY);

export function bruteIds(rows: Row[], known: Id[] = []): Id[] {
  const all: Id[] = [];
  for (const id of [...rows.map((r) => r.customer), ...known]) if (!all.includes(id)) all.push(id);
  const nums = all.filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
  const strs = all.filter((x): x is string => typeof x === 'string').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...nums, ...strs];
}

export function bruteInterval(rows: Row[], upTo: number): number | null {
  const perCustomer: number[] = [];
  for (const id of bruteIds(rows)) {
    const dayNumbers = [...new Set(rows.filter((r) => r.customer === id && r.date <= upTo).map((r) => Math.floor(r.date / DAY)))];
    if (dayNumbers.length < 2) continue;
    perCustomer.push((Math.max(...dayNumbers) - Math.min(...dayNumbers)) / (dayNumbers.length - 1));
  }
  if (perCustomer.length === 0) return null;
  perCustomer.sort((a, b) => a - b);
  const n = perCustomer.length;
  return n % 2 ? perCustomer[(n - 1) / 2]! : (perCustomer[n / 2 - 1]! + perCustomer[n / 2]!) / 2;
}

export function bruteThresholds(rows: Row[], o: BruteOptions) {
  const interval = o.intervalDays ?? bruteInterval(rows, o.derivedAsOf ?? o.asOf);
  const pick = (explicit: number | undefined, mult: number) => explicit ?? Math.max(1, Math.ceil(mult * interval! - 1e-9));
  return {
    interval,
    atRisk: pick(o.atRiskDays, o.atRiskAfter ?? 2),
    lapsed: pick(o.lapsedDays, o.lapsedAfter ?? 4),
    former: pick(o.formerDays, o.formerAfter ?? 8),
    fresh: pick(o.newDays, o.newWithin ?? 2),
  };
}

export function bruteStages(rows: Row[], o: BruteOptions): Map<Id, string> {
  const th = bruteThresholds(rows, o);
  const out = new Map<Id, string>();
  for (const id of bruteIds(rows, o.knownCustomers)) {
    const ts = rows.filter((r) => r.customer === id && r.date <= o.asOf).map((r) => r.date).sort((a, b) => a - b);
    if (ts.length === 0) { out.set(id, 'prospect'); continue; }
    const sinceLast = days(o.asOf, ts[ts.length - 1]!);
    const sinceFirst = days(o.asOf, ts[0]!);
    let comeback: number | null = null;
    for (let j = 1; j < ts.length; j++) if (days(ts[j]!, ts[j - 1]!) >= th.lapsed) comeback = ts[j]!;
    let stage: string;
    if (sinceLast >= th.former) stage = 'former';
    else if (sinceLast >= th.lapsed) stage = 'lapsed';
    else if (sinceLast >= th.atRisk) stage = 'atRisk';
    else if (sinceFirst < th.fresh) stage = 'new';
    else if (comeback !== null && days(o.asOf, comeback) < th.fresh) stage = 'reactivated';
    else stage = 'active';
    out.set(id, stage);
  }
  return out;
}
