import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, can } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { defaults, ParamForm, validateParams, type ParamValues } from '../components/ParamForm';
import { StatusBadge } from '../components/StatusBadge';
import { fmtMoney, fmtSigned, signClass } from '../format';
import { useApi } from '../hooks';
import type { Exchange, ManagedStrategy, Page, StrategyType, Template } from '../types';
import { TIMEFRAMES } from '../types';
import { parseSymbols } from './LaunchView';

interface Draft {
  id?: string;
  name: string;
  description: string;
  category: string;
  strategy_type: string;
  parameters: ParamValues;
  risk_level: string;
  timeframe: string;
  symbols: string;
  exchange: string;
  initial_capital: number;
}

const EMPTY: Draft = {
  name: '', description: '', category: 'trend_following', strategy_type: 'MovingAverageCross', parameters: {},
  risk_level: 'medium', timeframe: '1h', symbols: 'BTC/USDT', exchange: 'simulated', initial_capital: 10000,
};

function StrategyForm({ draft, types, categories, exchanges, onDone, onCancel }: {
  draft: Draft;
  types: StrategyType[];
  categories: string[];
  exchanges: Exchange[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<Draft>(draft);
  const [error, setError] = useState<unknown>();
  const type = types.find((t) => t.name === d.strategy_type);
  const paramErrors = type ? validateParams(type.parameters, d.parameters) : {};

  function pickType(name: string) {
    const t = types.find((x) => x.name === name);
    setD({ ...d, strategy_type: name, parameters: t ? defaults(t.parameters) : {} });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    const body = {
      name: d.name, description: d.description || null, category: d.category, strategy_type: d.strategy_type,
      parameters: d.parameters, risk_level: d.risk_level, timeframe: d.timeframe, symbols: parseSymbols(d.symbols),
      exchange: d.exchange, initial_capital: d.initial_capital,
    };
    try {
      if (d.id) await api(`/api/strategies/${d.id}`, { method: 'PUT', body });
      else await api('/api/strategies', { body });
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="card stack" onSubmit={save} aria-labelledby="strategy-form-heading">
      <h2 id="strategy-form-heading">{d.id ? `Edit ${draft.name}` : 'New strategy'}</h2>
      <div className="param-grid">
        <div className="field">
          <label htmlFor="s-name">Name</label>
          <input id="s-name" required value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="s-category">Category</label>
          <select id="s-category" value={d.category} onChange={(e) => setD({ ...d, category: e.target.value })}>
            {categories.map((c) => <option key={c}>{c}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-type">Strategy type</label>
          <select id="s-type" value={d.strategy_type} onChange={(e) => pickType(e.target.value)}>
            {types.map((t) => <option key={t.name}>{t.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-risk">Risk level</label>
          <select id="s-risk" value={d.risk_level} onChange={(e) => setD({ ...d, risk_level: e.target.value })}>
            {['low', 'medium', 'high'].map((r) => <option key={r}>{r}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-exchange">Exchange</label>
          <select id="s-exchange" value={d.exchange} onChange={(e) => setD({ ...d, exchange: e.target.value })}>
            {exchanges.filter((x) => x.candles).map((x) => <option key={x.name} value={x.name}>{x.title}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-symbols">Symbols</label>
          <input id="s-symbols" value={d.symbols} onChange={(e) => setD({ ...d, symbols: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="s-timeframe">Timeframe</label>
          <select id="s-timeframe" value={d.timeframe} onChange={(e) => setD({ ...d, timeframe: e.target.value })}>
            {TIMEFRAMES.map((t) => <option key={t}>{t}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-capital">Initial capital</label>
          <input id="s-capital" type="number" min={1} step="any" value={d.initial_capital}
            onChange={(e) => setD({ ...d, initial_capital: e.target.valueAsNumber })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="s-description">Description</label>
        <textarea id="s-description" rows={2} value={d.description} onChange={(e) => setD({ ...d, description: e.target.value })} />
      </div>
      {type && <ParamForm schema={type.parameters} values={d.parameters} errors={paramErrors} idPrefix="s-param"
        onChange={(parameters) => setD({ ...d, parameters })} />}
      <ErrorBanner error={error} title="Not saved" />
      <div className="actions">
        <button type="submit" disabled={Object.keys(paramErrors).length > 0}>Save</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

export default function StrategiesView() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>();
  const query = new URLSearchParams({ size: '100' });
  if (search.trim()) query.set('search', search.trim());
  if (status) query.set('status', status);
  if (category) query.set('category', category);
  const list = useApi<Page<ManagedStrategy>>(`/api/strategies?${query}`, 5000);
  const templates = useApi<{ templates: Template[] }>('/api/strategies/templates');
  const categories = useApi<{ categories: { name: string }[] }>('/api/strategies/categories');
  const catalogue = useApi<{ details: StrategyType[] }>('/api/v1/strategies');
  const exchanges = useApi<{ details: Exchange[] }>('/api/v1/exchanges');
  const categoryNames = categories.data?.categories.map((c) => c.name) ?? [];

  useEffect(() => {
    if (draft && !draft.id && Object.keys(draft.parameters).length === 0) {
      const t = catalogue.data?.details.find((x) => x.name === draft.strategy_type);
      if (t) setDraft({ ...draft, parameters: defaults(t.parameters) });
    }
  }, [draft, catalogue.data]);

  async function act(path: string, method = 'POST') {
    setError(undefined);
    try {
      await api(path, { method });
      list.reload();
    } catch (e) {
      setError(e);
    }
  }

  const fromTemplate = (t: Template) => setDraft({
    ...EMPTY, name: `${t.name} ${new Date().toISOString().slice(0, 10)}`, description: t.description, category: t.category,
    strategy_type: t.strategy_type, parameters: t.parameters as ParamValues, risk_level: t.risk_level, timeframe: t.timeframe,
  });
  const edit = (s: ManagedStrategy) => setDraft({
    id: s.id, name: s.name, description: s.description ?? '', category: s.category, strategy_type: s.strategy_type,
    parameters: s.parameters as ParamValues, risk_level: s.risk_level, timeframe: s.timeframe, symbols: s.symbols.join(', '),
    exchange: s.exchange, initial_capital: s.initial_capital,
  });

  return (
    <div className="stack">
      <div className="section-head">
        <h1>Strategies</h1>
        {can('write') && <button type="button" onClick={() => setDraft({ ...EMPTY })}>New strategy</button>}
      </div>
      {draft && catalogue.data && exchanges.data && (
        <StrategyForm key={draft.id ?? draft.name + draft.strategy_type} draft={draft} types={catalogue.data.details}
          categories={categoryNames.length ? categoryNames : [draft.category]} exchanges={exchanges.data.details}
          onCancel={() => setDraft(null)} onDone={() => { setDraft(null); list.reload(); }} />
      )}
      <div className="filters card">
        <label htmlFor="st-search">Search</label>
        <input id="st-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or description" />
        <label htmlFor="st-status">Status</label>
        <select id="st-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">any</option>
          {['inactive', 'running', 'stopped', 'error'].map((s) => <option key={s}>{s}</option>)}
        </select>
        <label htmlFor="st-category">Category</label>
        <select id="st-category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">any</option>
          {categoryNames.map((c) => <option key={c}>{c}</option>)}
        </select>
      </div>
      <ErrorBanner error={error ?? list.error} />
      {list.data && (
        <section className="card">
          {list.data.items.length === 0 ? <p className="muted">No strategies match. Create one or start from a template below.</p> : (
            <div className="table-scroll">
              <table>
                <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Market</th>
                  <th scope="col" className="num">P&amp;L</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  {list.data.items.map((s) => (
                    <tr key={s.id}>
                      <td>{s.name}<br /><small className="muted">{s.category} · {s.risk_level}</small></td>
                      <td>{s.strategy_type}</td>
                      <td><StatusBadge status={s.status} />
                        {s.current_run_id && <> <Link href={`/runs/${s.current_run_id}`}>run</Link></>}</td>
                      <td>{s.exchange} {s.symbols.join(', ')} {s.timeframe}</td>
                      <td className={`num ${signClass(s.pnl)}`}>{fmtSigned(s.pnl)}<br /><small className="muted">of {fmtMoney(s.initial_capital)}</small></td>
                      <td className="actions">
                        {s.permissions.includes('execute') && (s.status === 'running'
                          ? <button type="button" className="danger" onClick={() => void act(`/api/strategies/${s.id}/stop`)}>Stop</button>
                          : <button type="button" onClick={() => void act(`/api/strategies/${s.id}/start?mode=paper`)}>Start (paper)</button>)}
                        {s.permissions.includes('write') && <button type="button" className="secondary" onClick={() => edit(s)}>Edit</button>}
                        {s.permissions.includes('delete') && (
                          <button type="button" className="secondary" onClick={() => {
                            if (window.confirm(`Delete ${s.name}?`)) void act(`/api/strategies/${s.id}`, 'DELETE');
                          }}>Delete</button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="templates-heading">
        <h2 id="templates-heading">Templates</h2>
        <div className="template-grid">
          {templates.data?.templates.map((t) => (
            <article key={t.id} className="template">
              <h3>{t.name}</h3>
              <p className="small">{t.description}</p>
              <p className="muted small">{t.category} · risk {t.risk_level} · {t.timeframe}</p>
              {can('write') && <button type="button" className="secondary" onClick={() => fromTemplate(t)}>Use template</button>}
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
