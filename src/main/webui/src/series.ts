// Pure calculations behind the charts, kept apart from the charting library so they are easy to test.

/** Index of the last candle opening at or before `time` (−1 before the first), so a fill marks the candle it happened in. */
export function candleIndex(openTimes: number[], time: number): number {
  let lo = 0;
  let hi = openTimes.length - 1;
  if (hi < 0 || time < openTimes[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (openTimes[mid] <= time) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Drawdown after each point: value / running peak − 1 (0 at a new high). */
export function drawdowns(points: { time: number; value: number }[]): { time: number; value: number }[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map((p) => {
    peak = Math.max(peak, p.value);
    return { time: p.time, value: peak > 0 ? p.value / peak - 1 : 0 };
  });
}
