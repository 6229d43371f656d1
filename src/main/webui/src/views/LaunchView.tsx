import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api, can } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { defaults, ParamForm, validateParams, type ParamValues } from '../components/ParamForm';
import { useApi } from '../hooks';
import type { Dataset, Exchange, Run, StrategyType } from '../types';
import { TIMEFRAMES } from '../types';

interface Catalogue {
  strategies: string[];
  details: StrategyType[];
}

const MODES: [string, string][] = [
  ['backtest', 'Backtest (history)'],
  ['paper', 'Paper (live data, simulated fills)'],
  ['sandbox', 'Sandbox (exchange testnet)'],
  ['live', 'Live (real orders)'],
];

function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

/** Symbols typed as "BTC/USDT, eth-usdt" → ["BTC/USDT", "ETH/USDT"]. */
export function parseSymbols(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase().replace(/[-_]/, '/')).filter(Boolean);
}

export default function LaunchView() {
  const [, navigate] = useLocation();
  const catalogue = useApi<Catalogue>('/api/v1/strategies');
  const exchanges = useApi<{ details: Exchange[]; default_exchange: string }>('/api/v1/exchanges');
  const datasets = useApi<{ datasets: Dataset[] }>('/api/v1/datasets');

  const [strategy, setStrategy] = useState('MovingAverageCross');
  const [params, setParams] = useState<ParamValues>({});
  const [source, setSource] = useState<'exchange' | 'dataset'>('exchange');
  const [exchange, setExchange] = useState('simulated');
  const [dataset, setDataset] = useState('');
  const [symbols, setSymbols] = useState('BTC/USDT');
  const [timeframe, setTimeframe] = useState('1h');
  const [mode, setMode] = useState('backtest');
  const today = new Date();
  const [startDate, setStartDate] = useState(isoDate(new Date(today.getTime() - 90 * 86_400_000)));
  const [endDate, setEndDate] = useState(isoDate(today));
  const [cash, setCash] = useState(10000);
  const [commission, setCommission] = useState(0.1);
  const [keys, setKeys] = useState({ apiKey: '', secret: '', passphrase: '', sandbox: true });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const type = catalogue.data?.details.find((d) => d.name === strategy);
  useEffect(() => {
    if (type) setParams(defaults(type.parameters));
  }, [type]);

  const venue = exchanges.data?.details.find((e) => e.name === exchange);
  const modes = MODES.filter(([m]) => (!venue || venue.modes.includes(m)) && (m === 'backtest' || can('execute')));
  const timeframes = venue && venue.timeframes.length ? venue.timeframes : TIMEFRAMES;
  const needsKeys = venue && !venue.simulated && (mode === 'sandbox' || mode === 'live');
  const paramErrors = useMemo(() => (type ? validateParams(type.parameters, params) : {}), [type, params]);

  useEffect(() => {
    if (!modes.some(([m]) => m === mode) && modes.length) setMode(modes[0][0]);
    if (!timeframes.includes(timeframe)) setTimeframe(timeframes.includes('1h') ? '1h' : timeframes[0]);
  }, [modes, mode, timeframes, timeframe]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (Object.keys(paramErrors).length) {
      setError(new Error('Some parameters are out of range; see the fields marked below.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = {
      strategy_name: strategy,
      strategy_params: params,
      mode,
      initial_cash: cash,
      commission: commission / 100,
    };
    if (source === 'dataset' && mode === 'backtest') {
      body.dataset = dataset;
    } else {
      body.exchange = exchange;
      body.symbols = parseSymbols(symbols);
      body.timeframe = timeframe;
    }
    if (mode === 'backtest') {
      if (startDate) body.start_date = startDate;
      if (endDate) body.end_date = endDate;
    }
    if (needsKeys && keys.apiKey) {
      body.exchange_config = { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase || undefined,
        sandbox: mode === 'sandbox' ? true : keys.sandbox };
    }
    try {
      const run = await api<Run>('/api/v1/runs', { body });
      // The keys go to the service once and are never shown again.
      setKeys({ apiKey: '', secret: '', passphrase: '', sandbox: true });
      navigate(`/runs/${run.run_id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const loadError = catalogue.error ?? exchanges.error ?? datasets.error;
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="launch-heading" noValidate>
      <h1 id="launch-heading">New run</h1>
      <ErrorBanner error={loadError} />
      <section className="card">
        <h2>Strategy</h2>
        <div className="field">
          <label htmlFor="strategy">Strategy type</label>
          <select id="strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
            {catalogue.data?.details.map((d) => <option key={d.name} value={d.name}>{d.name}{d.kind === 'built_in' ? '' : ' (rule)'}</option>)}
          </select>
          {type && <small>{type.description}</small>}
        </div>
        {type && <ParamForm schema={type.parameters} values={params} onChange={setParams} errors={paramErrors} />}
      </section>

      <section className="card">
        <h2>Market</h2>
        <div className="param-grid">
          <div className="field">
            <label htmlFor="mode">Mode</label>
            <select id="mode" value={mode} onChange={(e) => setMode(e.target.value)}>
              {modes.map(([m, label]) => <option key={m} value={m}>{label}</option>)}
            </select>
          </div>
          {mode === 'backtest' && (datasets.data?.datasets.length ?? 0) > 0 && (
            <fieldset className="field">
              <legend>Data</legend>
              <label><input type="radio" name="source" checked={source === 'exchange'} onChange={() => setSource('exchange')} /> Exchange</label>
              <label><input type="radio" name="source" checked={source === 'dataset'} onChange={() => setSource('dataset')} /> Imported dataset</label>
            </fieldset>
          )}
          {source === 'dataset' && mode === 'backtest' ? (
            <div className="field">
              <label htmlFor="dataset">Dataset</label>
              <select id="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)} required>
                <option value="">Choose…</option>
                {datasets.data?.datasets.map((d) => (
                  <option key={d.name} value={d.name}>{d.name} ({d.symbol} {d.timeframe}, {d.bars} bars)</option>
                ))}
              </select>
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor="exchange">Exchange</label>
                <select id="exchange" value={exchange} onChange={(e) => setExchange(e.target.value)}>
                  {exchanges.data?.details.filter((x) => x.modes.length > 0).map((x) => (
                    <option key={x.name} value={x.name}>{x.title}</option>
                  ))}
                </select>
                {venue?.simulated && <small>Synthetic, deterministic prices: not a real market.</small>}
              </div>
              <div className="field">
                <label htmlFor="symbols">Symbols</label>
                <input id="symbols" value={symbols} onChange={(e) => setSymbols(e.target.value)} required
                  aria-describedby="symbols-hint" />
                <small id="symbols-hint">BASE/QUOTE, separated by commas: BTC/USDT, ETH/USDT</small>
              </div>
              <div className="field">
                <label htmlFor="timeframe">Timeframe</label>
                <select id="timeframe" value={timeframe} onChange={(e) => setTimeframe(e.target.value)}>
                  {timeframes.map((t) => <option key={t}>{t}</option>)}
                </select>
              </div>
            </>
          )}
          {mode === 'backtest' && (
            <>
              <div className="field">
                <label htmlFor="start">From</label>
                <input id="start" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="end">To (exclusive)</label>
                <input id="end" type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="cash">Initial cash</label>
            <input id="cash" type="number" min={1} step="any" value={cash} onChange={(e) => setCash(e.target.valueAsNumber)} />
          </div>
          <div className="field">
            <label htmlFor="commission">Commission (%)</label>
            <input id="commission" type="number" min={0} step="any" value={commission}
              onChange={(e) => setCommission(e.target.valueAsNumber)} />
          </div>
        </div>
      </section>

      {needsKeys && (
        <section className="card">
          <h2>Exchange keys</h2>
          <p className="muted small">Sent once over this connection, stored encrypted, never shown again. Leave empty
            to use the keys already saved under Settings.</p>
          <div className="param-grid">
            <div className="field">
              <label htmlFor="api-key">API key</label>
              <input id="api-key" type="password" autoComplete="off" value={keys.apiKey}
                onChange={(e) => setKeys({ ...keys, apiKey: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="api-secret">Secret</label>
              <input id="api-secret" type="password" autoComplete="off" value={keys.secret}
                onChange={(e) => setKeys({ ...keys, secret: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="api-passphrase">Passphrase (if the exchange uses one)</label>
              <input id="api-passphrase" type="password" autoComplete="off" value={keys.passphrase}
                onChange={(e) => setKeys({ ...keys, passphrase: e.target.value })} />
            </div>
          </div>
        </section>
      )}

      <ErrorBanner error={error} title="The run was not started" />
      <div className="actions">
        <button type="submit" disabled={busy || !type}>{busy ? 'Starting…' : 'Start run'}</button>
      </div>
    </form>
  );
}
