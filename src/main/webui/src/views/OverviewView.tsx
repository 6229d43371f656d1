import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, can } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { LineChart } from '../components/LazyCharts';
import { Progress, StatusBadge } from '../components/StatusBadge';
import { fmtDuration, fmtMoney, fmtSigned, signClass } from '../format';
import { useApi } from '../hooks';
import type { EquityPoint, Health, ManagedStrategy, Page, Run } from '../types';

interface SystemOverview {
  version: string;
  database: string;
  active_runs: number;
  strategies: Record<string, number>;
}

/** The equity curves of the strategies now running, re-read every few seconds. */
function RunningEquity({ strategies }: { strategies: ManagedStrategy[] }) {
  const running = strategies.filter((s) => s.current_run_id);
  const key = running.map((s) => s.current_run_id).join(',');
  const [curves, setCurves] = useState<Record<string, EquityPoint[]>>({});
  useEffect(() => {
    running.forEach((s) => {
      api<EquityPoint[]>(`/api/v1/runs/${s.current_run_id}/equity?points=300`)
        .then((points) => setCurves((c) => ({ ...c, [s.id]: points })))
        .catch(() => undefined);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, strategies]);
  const lines = running.filter((s) => curves[s.id]?.length).map((s) => ({
    name: s.name,
    points: curves[s.id].map((p) => ({ time: Date.parse(p.timestamp), value: p.value })),
  }));
  if (running.length === 0) return <p className="muted">No strategy is running. Start one under <Link href="/strategies">Strategies</Link>.</p>;
  return lines.length ? <LineChart lines={lines} label="Equity of running strategies" height={220} />
    : <p className="muted">Waiting for the first bars…</p>;
}

export function OverviewView() {
  const health = useApi<Health>('/api/v1/health', 5000);
  const system = useApi<SystemOverview>('/api/system/overview', 5000);
  const runner = useApi<Run>('/api/v1/status', 3000);
  const active = useApi<Page<Run>>('/api/v1/runs?status=running&size=50', 3000);
  const strategies = useApi<Page<ManagedStrategy>>('/api/strategies?status=running&size=50', 5000);
  const [actionError, setActionError] = useState<unknown>();

  async function runnerAction(path: string, method: string) {
    setActionError(undefined);
    try {
      await api(path, { method });
      runner.reload();
      active.reload();
    } catch (e) {
      setActionError(e);
    }
  }

  const r = runner.data;
  return (
    <div className="stack">
      <h1>Overview</h1>
      <ErrorBanner error={health.error ?? system.error} title="Service" />
      <div className="cards">
        <section className="card" aria-labelledby="health-heading">
          <h2 id="health-heading">Health</h2>
          {health.data && (
            <>
              <p><StatusBadge status={health.data.status} /> version {health.data.version}
                {system.data ? `, ${system.data.database}` : ''}</p>
              <ul className="checks">
                {Object.entries(health.data.checks).map(([name, c]) => (
                  <li key={name}><StatusBadge status={c.status} /> <strong>{name}</strong>: {c.message}</li>
                ))}
              </ul>
              <p className="muted small">Up {fmtDuration(health.data.metrics.uptime_seconds)},
                memory {health.data.metrics.memory_used_mb} / {health.data.metrics.memory_max_mb} MB</p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="runner-heading">
          <h2 id="runner-heading">Runner</h2>
          {r && (
            <>
              <p><StatusBadge status={r.status} /> {r.strategy_name ?? 'nothing since the last reset'}
                {r.run_id && <> · <Link href={`/runs/${r.run_id}`}>open run</Link></>}</p>
              {r.run_id && <p>Value {fmtMoney(r.value)} · P&amp;L <span className={signClass(r.pnl)}>{fmtSigned(r.pnl)}</span></p>}
              {can('backtest') && (
                <div className="actions">
                  <button type="button" className="danger" disabled={!['starting', 'running'].includes(r.status)}
                    onClick={() => void runnerAction('/api/v1/run/stop', 'POST')}>Stop</button>
                  <button type="button" className="secondary" disabled={r.status === 'idle'}
                    onClick={() => void runnerAction('/api/v1/run/reset', 'DELETE')}>Reset</button>
                </div>
              )}
            </>
          )}
          <ErrorBanner error={actionError} />
        </section>
        <section className="card" aria-labelledby="strategies-heading">
          <h2 id="strategies-heading">Strategies</h2>
          {system.data && (
            <ul className="checks">
              {Object.entries(system.data.strategies).map(([status, n]) => <li key={status}>{status}: <strong>{n}</strong></li>)}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="active-heading">
        <div className="section-head">
          <h2 id="active-heading">Active runs</h2>
          <Link href="/launch" className="button">New run</Link>
        </div>
        <ErrorBanner error={active.error} />
        {active.data && active.data.items.length === 0 && <p className="muted">No run is active.</p>}
        {active.data && active.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <thead><tr><th scope="col">Run</th><th scope="col">Mode</th><th scope="col">Symbols</th>
                <th scope="col">Progress</th><th scope="col" className="num">Value</th><th scope="col" className="num">P&amp;L</th></tr></thead>
              <tbody>
                {active.data.items.map((run) => (
                  <tr key={run.run_id}>
                    <td><Link href={`/runs/${run.run_id}`}>{run.strategy_name}</Link></td>
                    <td>{run.mode}</td>
                    <td>{run.symbols.join(', ')}</td>
                    <td>{run.mode === 'backtest' ? <Progress value={run.progress} label={`Progress of ${run.strategy_name}`} /> : 'live'}</td>
                    <td className="num">{fmtMoney(run.value)}</td>
                    <td className={`num ${signClass(run.pnl)}`}>{fmtSigned(run.pnl)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="equity-heading">
        <h2 id="equity-heading">Equity of running strategies</h2>
        <ErrorBanner error={strategies.error} />
        {strategies.data && <RunningEquity strategies={strategies.data.items} />}
      </section>
    </div>
  );
}
