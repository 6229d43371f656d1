import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, can } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { CandleChart, LineChart } from '../components/LazyCharts';
import { Progress, StatusBadge } from '../components/StatusBadge';
import { TradeTable } from '../components/TradeTable';
import { drawdowns } from '../series';
import { fmtDuration, fmtMoney, fmtNumber, fmtPct, fmtSigned, fmtTime, signClass } from '../format';
import { useApi, useLiveRun } from '../hooks';
import type { Chart, EquityPoint, Page, Results, Trade } from '../types';
import { ACTIVE } from '../types';

const METRICS: [string, string, (v: number) => string][] = [
  ['total_return', 'Total return', (v) => fmtPct(v)],
  ['benchmark_return', 'Buy and hold', (v) => fmtPct(v)],
  ['annualized_return', 'Annualised return', (v) => fmtPct(v)],
  ['sharpe_ratio', 'Sharpe', (v) => v.toFixed(2)],
  ['sortino_ratio', 'Sortino', (v) => v.toFixed(2)],
  ['max_drawdown', 'Max drawdown', (v) => fmtPct(v)],
  ['volatility', 'Volatility', (v) => fmtPct(v)],
  ['total_trades', 'Round trips', (v) => String(v)],
  ['win_rate', 'Win rate', (v) => fmtPct(v, 1)],
  ['profit_factor', 'Profit factor', (v) => v.toFixed(2)],
  ['expectancy', 'Expectancy', (v) => fmtMoney(v)],
  ['total_commission', 'Commission paid', (v) => fmtMoney(v)],
  ['exposure', 'Time in market', (v) => fmtPct(v, 1)],
];

export { METRICS };

export function MetricsTable({ metrics }: { metrics: Record<string, number | null> }) {
  return (
    <dl className="metrics">
      {METRICS.filter(([k]) => metrics[k] != null).map(([k, label, f]) => (
        <div key={k}><dt>{label}</dt><dd>{f(metrics[k] as number)}</dd></div>
      ))}
    </dl>
  );
}

async function allTrades(runId: string): Promise<Trade[]> {
  const out: Trade[] = [];
  for (let page = 1; page <= 20; page++) {
    const p = await api<Page<Trade>>(`/api/v1/runs/${runId}/trades?page=${page}&size=1000`);
    out.push(...p.items);
    if (page >= p.pagination.pages) break;
  }
  return out;
}

export default function RunView({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const { run, error, channel, liveTrades, refresh } = useLiveRun(id);
  const active = run ? ACTIVE.includes(run.status) : false;
  const [symbol, setSymbol] = useState<string>();
  const [trades, setTrades] = useState<Trade[]>();
  const [equity, setEquity] = useState<EquityPoint[]>();
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // Re-read the heavy parts when the run ends, and every few seconds while a paper run goes on.
  const [generation, setGeneration] = useState(0);
  const status = run?.status;
  useEffect(() => setGeneration((g) => g + 1), [status]);
  useEffect(() => {
    if (!active || run?.mode === 'backtest') return;
    const timer = setInterval(() => setGeneration((g) => g + 1), 10_000);
    return () => clearInterval(timer);
  }, [active, run?.mode]);

  const results = useApi<Results>(run && !active ? `/api/v1/runs/${id}/results` : null);
  const chartSymbol = symbol ?? run?.symbols[0];
  const chart = useApi<Chart>(run && chartSymbol
    ? `/api/v1/runs/${id}/candles?symbol=${encodeURIComponent(chartSymbol)}&limit=3000` : null);
  const reloadChart = chart.reload;
  useEffect(() => reloadChart(), [generation, reloadChart]);
  const [loadError, setLoadError] = useState<unknown>();

  useEffect(() => {
    if (!run) return;
    let cancelled = false;
    Promise.all([allTrades(id), api<EquityPoint[]>(`/api/v1/runs/${id}/equity?points=2000`)])
      .then(([t, e]) => {
        if (cancelled) return;
        setTrades(t);
        setEquity(e);
        setLoadError(undefined);
      })
      .catch((e) => !cancelled && setLoadError(e));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, generation, run == null]);

  const shownTrades = useMemo(() => {
    const known = new Set((trades ?? []).map((t) => t.id));
    return [...(trades ?? []), ...liveTrades.filter((t) => !known.has(t.id))];
  }, [trades, liveTrades]);

  const equityLines = useMemo(() => {
    if (!equity?.length) return null;
    const value = equity.map((p) => ({ time: Date.parse(p.timestamp), value: p.value }));
    const lines = [{ name: 'Strategy', points: value, color: '#2563eb' }];
    const bench = equity.filter((p) => p.benchmark != null).map((p) => ({ time: Date.parse(p.timestamp), value: p.benchmark as number }));
    if (bench.length) lines.push({ name: 'Buy and hold', points: bench, color: '#94a3b8' });
    return { lines, drawdown: [{ name: 'Drawdown', points: drawdowns(value), color: '#dc2626', area: true }] };
  }, [equity]);

  async function act(path: string, method: string, after?: () => void) {
    setBusy(true);
    setActionError(undefined);
    try {
      await api(path, { method });
      refresh();
      after?.();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  if (error && !run) return <div className="stack"><h1>Run</h1><ErrorBanner error={error} /></div>;
  if (!run) return <p className="muted" role="status">Loading run…</p>;

  const metrics = results.data?.performance_metrics;
  return (
    <div className="stack">
      <div className="section-head">
        <h1>{run.strategy_name} <small className="muted">{run.symbols.join(', ')} · {run.timeframe}</small></h1>
        <span className={`channel ${channel}`} title="How this page gets updates">
          {channel === 'live' ? '● live' : channel === 'polling' ? '○ polling' : '… connecting'}
        </span>
      </div>
      <section className="card status-card" aria-labelledby="status-heading">
        <h2 id="status-heading" className="sr-only">Status</h2>
        <div className="status-grid">
          <div><span className="label">Status</span><StatusBadge status={run.status} /></div>
          <div><span className="label">Mode</span>{run.mode}</div>
          <div><span className="label">Value</span><span data-testid="run-value">{fmtMoney(run.value)}</span></div>
          <div><span className="label">P&amp;L</span><span className={signClass(run.pnl)}>{fmtSigned(run.pnl)}</span></div>
          <div><span className="label">Cash</span>{fmtMoney(run.cash)}</div>
          <div><span className="label">Fills</span><span data-testid="trade-count">{run.trade_count}</span></div>
          <div><span className="label">Bars</span>{fmtNumber(run.bars_processed)}</div>
          <div><span className="label">Runtime</span>{fmtDuration(run.runtime_seconds)}</div>
        </div>
        {run.mode === 'backtest' && active && <Progress value={run.progress} label="Backtest progress" />}
        <p className="muted small">
          {run.data_source.simulated ? '⚠ ' : ''}{run.data_source.description}
          {run.start_date && <> · {fmtTime(run.start_date)} → {fmtTime(run.end_date)}</>} · started {fmtTime(run.start_time)}
        </p>
        {run.error && <div className="banner error" role="alert"><strong>Run failed:</strong> {run.error}</div>}
        {can('backtest') && (
          <div className="actions">
            <button type="button" className="danger" disabled={!active || busy}
              onClick={() => void act(`/api/v1/runs/${id}/stop`, 'POST')}>Stop run</button>
            <button type="button" className="secondary" disabled={busy}
              onClick={() => {
                if (window.confirm('Delete this run with its trades and equity?')) {
                  void act(`/api/v1/runs/${id}`, 'DELETE', () => navigate('/runs'));
                }
              }}>Delete</button>
            <Link href="/launch" className="button secondary">New run</Link>
          </div>
        )}
        <ErrorBanner error={actionError} />
      </section>

      <ErrorBanner error={loadError ?? results.error} title="Could not load the results" />

      {metrics && (
        <section className="card" aria-labelledby="metrics-heading">
          <h2 id="metrics-heading">Performance</h2>
          <MetricsTable metrics={metrics} />
        </section>
      )}

      <section className="card" aria-labelledby="equity-heading">
        <h2 id="equity-heading">Equity vs buy and hold</h2>
        {equityLines ? (
          <>
            <LineChart lines={equityLines.lines} label="Equity curve of the run against buy and hold" />
            <h3>Drawdown</h3>
            <LineChart lines={equityLines.drawdown} height={160} label="Drawdown of the run"
              format={(v) => (v * 100).toFixed(1) + ' %'} />
          </>
        ) : <p className="muted">{active ? 'The curve appears as bars are processed.' : 'No equity recorded.'}</p>}
      </section>

      <section className="card" aria-labelledby="price-heading">
        <div className="section-head">
          <h2 id="price-heading">Price and trades</h2>
          {run.symbols.length > 1 && (
            <>
              <label htmlFor="chart-symbol" className="sr-only">Symbol</label>
              <select id="chart-symbol" value={chartSymbol} onChange={(e) => setSymbol(e.target.value)}>
                {run.symbols.map((s) => <option key={s}>{s}</option>)}
              </select>
            </>
          )}
        </div>
        <ErrorBanner error={chart.error} title="Chart" />
        {chart.data && chart.data.candles.length > 0
          ? <CandleChart chart={chart.data} trades={shownTrades} />
          : <p className="muted">{chart.loading ? 'Loading candles…' : 'No bars yet.'}</p>}
      </section>

      <section className="card">
        {trades ? <TradeTable trades={shownTrades} /> : <p className="muted">Loading trades…</p>}
      </section>
    </div>
  );
}
