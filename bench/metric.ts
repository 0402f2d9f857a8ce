/**
 * The shape of benchmark results: what a group returns and what bench/results/latest.json holds.
 */

/** One measured figure. */
export interface Metric {
  readonly value: number;
  /** e.g. "events/s", "bytes", "ms". */
  readonly unit: string;
  /** The figure we aim for (a floor when higher is better, a ceiling when lower is). */
  readonly goal?: number;
  /** What a comparable tool achieves, with its source, e.g. "Wireshark 4.2 pcapng load: 1.1M pkts/s". */
  readonly peer?: string;
  readonly note?: string;
  /** Which way is better; default: 'higher' for units ending in "/s", else 'lower'. */
  readonly better?: 'higher' | 'lower';
}

/** A benchmark group: runs its measurements and returns metrics keyed by stable names ("group.metric"). */
export type BenchGroup = () => Promise<Record<string, Metric>>;

/** Whether a metric meets its goal, or null when it has none. */
export function meetsGoal(metric: Metric): boolean | null {
  if (metric.goal === undefined) return null;
  const higher = (metric.better ?? (metric.unit.endsWith('/s') ? 'higher' : 'lower')) === 'higher';
  return higher ? metric.value >= metric.goal : metric.value <= metric.goal;
}

/** The median of measured runs (the upper middle one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
