import type {MethodRow, RecordStore, StatsRow} from './store.js';

/*
 * Consent rates for marketers (`records stats`, GET /stats): per purpose, how many decisions
 * answered it, how many said yes and no, and the rate; and how decisions were made (accept-all,
 * reject-all, custom, close, gpc…). Aggregates only, counted per day as records arrive
 * (store.ts): never a visitor's row.
 */

export interface PurposeRate {
  purpose: string;
  answers: number;
  yes: number;
  no: number;
  /** yes ÷ answers, 0 to 1 (0 when nothing was answered). */
  rate: number;
}

export interface StatsPeriod {
  /** The first day of the period (YYYY-MM-DD): the day, or the week's Monday; the range's start for totals. */
  period: string;
  decisions: number;
  purposes: PurposeRate[];
  methods: Record<string, number>;
}

export interface Stats {
  from?: string;
  to?: string;
  by?: 'day' | 'week';
  /** The whole range. */
  total: StatsPeriod;
  /** One per day or week that has decisions (with `by`). */
  periods: StatsPeriod[];
}

const DAY = 86_400_000;

/** The Monday of `day`'s ISO week. */
export function weekOf(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return new Date(time - weekday * DAY).toISOString().slice(0, 10);
}

function period(name: string, purposes: StatsRow[], methods: MethodRow[]): StatsPeriod {
  const byPurpose = new Map<string, PurposeRate>();
  for (const row of purposes) {
    const rate = byPurpose.get(row.purpose) ?? {purpose: row.purpose, answers: 0, yes: 0, no: 0, rate: 0};
    rate.answers += row.answers;
    rate.yes += row.yes;
    byPurpose.set(row.purpose, rate);
  }
  const rates = [...byPurpose.values()].sort((a, b) => a.purpose.localeCompare(b.purpose));
  for (const rate of rates) {
    rate.no = rate.answers - rate.yes;
    rate.rate = rate.answers ? rate.yes / rate.answers : 0;
  }
  const counted: Record<string, number> = {};
  for (const row of [...methods].sort((a, b) => a.method.localeCompare(b.method)))
    counted[row.method] = (counted[row.method] ?? 0) + row.decisions;
  return {period: name, decisions: Object.values(counted).reduce((a, b) => a + b, 0), purposes: rates, methods: counted};
}

/** The consent rates between `from` and `to` (days, both included), in total and `by` day or week. */
export async function consentStats(
  store: RecordStore,
  {from, to, by}: {from?: string; to?: string; by?: 'day' | 'week'} = {}
): Promise<Stats> {
  const rows = await store.stats({from, to});
  const key = by === 'week' ? weekOf : (day: string) => day;
  const names = [...new Set([...rows.purposes, ...rows.methods].map((r) => key(r.day)))].sort();
  return {
    ...(from && {from}),
    ...(to && {to}),
    ...(by && {by}),
    total: period(from ?? rows.methods[0]?.day ?? '', rows.purposes, rows.methods),
    periods: by
      ? names.map((name) =>
          period(
            name,
            rows.purposes.filter((r) => key(r.day) === name),
            rows.methods.filter((r) => key(r.day) === name)
          )
        )
      : [],
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** A period as a table in words. */
function formatPeriod(p: StatsPeriod, heading: string): string {
  const width = Math.max(7, ...p.purposes.map((r) => r.purpose.length));
  const lines = [`${heading}: ${p.decisions} decision(s)`];
  if (p.purposes.length) {
    lines.push(`  ${'purpose'.padEnd(width)}  answers      yes       no    rate`);
    for (const r of p.purposes) {
      lines.push(
        `  ${r.purpose.padEnd(width)}  ${String(r.answers).padStart(7)}  ${String(r.yes).padStart(7)}  ${String(r.no).padStart(7)}  ${percent(r.rate).padStart(7)}`
      );
    }
  }
  const methods = Object.entries(p.methods);
  if (methods.length) lines.push(`  methods: ${methods.map(([m, n]) => `${m} ${n} (${percent(n / p.decisions)})`).join(', ')}`);
  return lines.join('\n');
}

/** The stats in words: the total, then each day or week. */
export function formatStats(stats: Stats): string {
  const range = stats.from || stats.to ? ` from ${stats.from ?? 'the start'} to ${stats.to ?? 'today'}` : '';
  if (!stats.total.decisions) return `No decisions recorded${range}.`;
  return [
    formatPeriod(stats.total, `All${range}`),
    ...stats.periods.map((p) => formatPeriod(p, stats.by === 'week' ? `Week of ${p.period}` : p.period)),
  ].join('\n\n');
}
