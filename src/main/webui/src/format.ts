const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export function fmtMoney(v: number | null | undefined): string {
  return v == null || Number.isNaN(v) ? '—' : money.format(v);
}

export function fmtSigned(v: number | null | undefined): string {
  return v == null || Number.isNaN(v) ? '—' : (v > 0 ? '+' : '') + money.format(v);
}

export function fmtNumber(v: number | null | undefined): string {
  return v == null || Number.isNaN(v) ? '—' : plain.format(v);
}

export function fmtPct(fraction: number | null | undefined, digits = 2): string {
  return fraction == null || Number.isNaN(fraction) ? '—' : (fraction * 100).toFixed(digits) + ' %';
}

/** ISO instants shown in UTC, as the service and exchanges keep them. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  if (seconds < 1) return (seconds * 1000).toFixed(0) + ' ms';
  if (seconds < 120) return seconds.toFixed(1) + ' s';
  const m = Math.floor(seconds / 60);
  return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function signClass(v: number | null | undefined): string {
  return v == null || v === 0 ? '' : v > 0 ? 'up' : 'down';
}
