import { useMemo, useState } from 'react';
import { fmtMoney, fmtNumber, fmtSigned, fmtTime, signClass } from '../format';
import type { Trade } from '../types';

export type SortKey = 'timestamp' | 'pnl' | 'value';

/** Filters by symbol (case-insensitive substring) and sorts, newest / largest first unless ascending. */
export function arrangeTrades(trades: Trade[], symbol: string, sortBy: SortKey, ascending: boolean): Trade[] {
  const needle = symbol.trim().toUpperCase();
  const filtered = needle ? trades.filter((t) => t.symbol.toUpperCase().includes(needle)) : [...trades];
  const key = (t: Trade): number => sortBy === 'timestamp' ? Date.parse(t.timestamp)
    : sortBy === 'pnl' ? (t.pnl ?? Number.NEGATIVE_INFINITY) : t.value;
  // Equal keys keep execution order (the sort is stable).
  return filtered.sort((a, b) => (ascending ? key(a) - key(b) : key(b) - key(a)));
}

export function TradeTable({ trades, limit = 500 }: { trades: Trade[]; limit?: number }) {
  const [symbol, setSymbol] = useState('');
  const [sortBy, setSortBy] = useState<SortKey>('timestamp');
  const [ascending, setAscending] = useState(false);
  const rows = useMemo(() => arrangeTrades(trades, symbol, sortBy, ascending), [trades, symbol, sortBy, ascending]);
  const shown = rows.slice(0, limit);

  return (
    <section className="trade-history" aria-labelledby="trades-heading">
      <div className="section-head">
        <h3 id="trades-heading">Trades</h3>
        <div className="filters">
          <label htmlFor="trade-filter" className="sr-only">Filter by symbol</label>
          <input id="trade-filter" type="search" placeholder="Filter by symbol…" value={symbol}
            onChange={(e) => setSymbol(e.target.value)} />
          <label htmlFor="trade-sort">Sort by</label>
          <select id="trade-sort" value={sortBy} onChange={(e) => setSortBy(e.target.value as SortKey)}>
            <option value="timestamp">Time</option>
            <option value="pnl">P&amp;L</option>
            <option value="value">Value</option>
          </select>
          <button type="button" className="secondary" aria-pressed={ascending}
            onClick={() => setAscending((a) => !a)} title="Reverse the order">
            {ascending ? 'Ascending ↑' : 'Descending ↓'}
          </button>
        </div>
      </div>
      <p className="muted" aria-live="polite">
        {rows.length === trades.length ? `${trades.length} trades` : `${rows.length} of ${trades.length} trades`}
        {rows.length > limit ? `, first ${limit} shown` : ''}
      </p>
      <div className="table-scroll">
        <table className="trades-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col" className="num">Size</th>
              <th scope="col" className="num">Price</th>
              <th scope="col" className="num">Value</th>
              <th scope="col" className="num">Commission</th>
              <th scope="col" className="num">P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.id} data-testid="trade-row">
                <td>{fmtTime(t.timestamp)}</td>
                <td>{t.symbol}</td>
                <td className={t.side === 'buy' ? 'up' : 'down'}>{t.side}</td>
                <td className="num">{fmtNumber(t.size)}</td>
                <td className="num">{fmtMoney(t.price)}</td>
                <td className="num">{fmtMoney(t.value)}</td>
                <td className="num">{fmtMoney(t.commission)}</td>
                <td className={`num ${signClass(t.pnl)}`}>{fmtSigned(t.pnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
