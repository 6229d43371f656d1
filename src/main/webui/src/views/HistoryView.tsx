import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { LineChart } from '../components/LazyCharts';
import { Progress, StatusBadge } from '../components/StatusBadge';
import { fmtMoney, fmtSigned, fmtTime, signClass } from '../format';
import { useApi } from '../hooks';
import type { EquityPoint, Page, Results, Run } from '../types';
import { ACTIVE } from '../types';
import { METRICS } from './RunView';

const label = (r: Run) => `${r.strategy_name} ${r.symbols.join(',')} ${r.timeframe} (${r.run_id.slice(0, 8)})`;

/** Overlaid equity curves, as returns so that runs with different cash compare, and their metrics side by side. */
function Compare({ runs }: { runs: Run[] }) {
  const [data, setData] = useState<Record<string, { results: Results; equity: EquityPoint[] }>>({});
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    runs.forEach((r) => {
      if (data[r.run_id]) return;
      Promise.all([api<Results>(`/api/v1/runs/${r.run_id}/results`), api<EquityPoint[]>(`/api/v1/runs/${r.run_id}/equity?points=1000`)])
        .then(([results, equity]) => setData((d) => ({ ...d, [r.run_id]: { results, equity } })))
        .catch(setError);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs]);
  const loaded = runs.filter((r) => data[r.run_id]);
  const lines = loaded.map((r) => ({
    name: label(r),
    points: data[r.run_id].equity.map((p) => ({ time: Date.parse(p.timestamp), value: p.value / r.initial_cash - 1 })),
  }));
  return (
    <section className="card" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare</h2>
      <ErrorBanner error={error} />
      {lines.length > 0 && <LineChart lines={lines} label="Equity of the compared runs, as return on initial cash"
        format={(v) => (v * 100).toFixed(1) + ' %'} />}
      <div className="table-scroll">
        <table>
          <thead>
            <tr><th scope="col">Metric</th>{loaded.map((r) => <th scope="col" key={r.run_id}>{label(r)}</th>)}</tr>
          </thead>
          <tbody>
            <tr><th scope="row">Final value</th>{loaded.map((r) => <td key={r.run_id} className="num">{fmtMoney(data[r.run_id].results.final_value)}</td>)}</tr>
            {METRICS.map(([key, name, f]) => (
              <tr key={key}>
                <th scope="row">{name}</th>
                {loaded.map((r) => {
                  const v = data[r.run_id].results.performance_metrics?.[key];
                  return <td key={r.run_id} className="num">{v == null ? '—' : f(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function HistoryView() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const [mode, setMode] = useState('');
  const [strategy, setStrategy] = useState('');
  const [selected, setSelected] = useState<Run[]>([]);
  const [comparing, setComparing] = useState<Run[]>([]);
  const query = new URLSearchParams({ page: String(page), size: '20' });
  if (status) query.set('status', status);
  if (mode) query.set('mode', mode);
  if (strategy) query.set('strategy', strategy);
  const runs = useApi<Page<Run>>(`/api/v1/runs?${query}`, 5000);
  const catalogue = useApi<{ strategies: string[] }>('/api/v1/strategies');

  const toggle = (run: Run) => setSelected((s) => s.some((x) => x.run_id === run.run_id)
    ? s.filter((x) => x.run_id !== run.run_id) : [...s, run]);

  return (
    <div className="stack">
      <div className="section-head">
        <h1>Runs</h1>
        <Link href="/launch" className="button">New run</Link>
      </div>
      <div className="filters card">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
          <option value="">any</option>
          {['starting', 'running', 'completed', 'stopped', 'failed'].map((s) => <option key={s}>{s}</option>)}
        </select>
        <label htmlFor="f-mode">Mode</label>
        <select id="f-mode" value={mode} onChange={(e) => { setMode(e.target.value); setPage(1); }}>
          <option value="">any</option>
          {['backtest', 'paper', 'sandbox', 'live'].map((m) => <option key={m}>{m}</option>)}
        </select>
        <label htmlFor="f-strategy">Strategy</label>
        <select id="f-strategy" value={strategy} onChange={(e) => { setStrategy(e.target.value); setPage(1); }}>
          <option value="">any</option>
          {catalogue.data?.strategies.map((s) => <option key={s}>{s}</option>)}
        </select>
        <button type="button" disabled={selected.length < 2} onClick={() => setComparing(selected)}>
          Compare {selected.length > 0 ? `(${selected.length})` : ''}
        </button>
      </div>
      <ErrorBanner error={runs.error} />
      {runs.data && (
        <section className="card">
          <div className="table-scroll">
            <table>
              <thead>
                <tr><th scope="col"><span className="sr-only">Select</span></th><th scope="col">Strategy</th><th scope="col">Status</th>
                  <th scope="col">Mode</th><th scope="col">Market</th><th scope="col">Created</th>
                  <th scope="col" className="num">Value</th><th scope="col" className="num">P&amp;L</th><th scope="col" className="num">Fills</th></tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <tr key={r.run_id}>
                    <td><input type="checkbox" aria-label={`Select ${label(r)} to compare`}
                      checked={selected.some((x) => x.run_id === r.run_id)} onChange={() => toggle(r)} /></td>
                    <td><Link href={`/runs/${r.run_id}`}>{r.strategy_name}</Link></td>
                    <td><StatusBadge status={r.status} />{ACTIVE.includes(r.status) && r.mode === 'backtest' &&
                      <Progress value={r.progress} label={`Progress of ${label(r)}`} />}</td>
                    <td>{r.mode}</td>
                    <td>{r.exchange} {r.symbols.join(', ')} {r.timeframe}</td>
                    <td>{fmtTime(r.created_at)}</td>
                    <td className="num">{fmtMoney(r.value)}</td>
                    <td className={`num ${signClass(r.pnl)}`}>{fmtSigned(r.pnl)}</td>
                    <td className="num">{r.trade_count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {runs.data.items.length === 0 && <p className="muted">No runs match.</p>}
          <nav className="pager" aria-label="Pages">
            <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
            <span>Page {runs.data.pagination.page} of {Math.max(1, runs.data.pagination.pages)} ({runs.data.pagination.total} runs)</span>
            <button type="button" className="secondary" disabled={page >= runs.data.pagination.pages} onClick={() => setPage(page + 1)}>Next</button>
          </nav>
        </section>
      )}
      {comparing.length >= 2 && <Compare runs={comparing} />}
    </div>
  );
}
