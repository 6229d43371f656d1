import { useState, type FormEvent } from 'react';
import { api, can } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { fmtNumber, fmtTime } from '../format';
import { useApi } from '../hooks';
import type { Dataset } from '../types';

interface Imported extends Dataset {
  gaps?: unknown[];
}

export default function DatasetsView() {
  const list = useApi<{ datasets: Dataset[] }>('/api/v1/datasets');
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Imported>();
  const [busy, setBusy] = useState(false);

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const query = new URLSearchParams({ name });
    if (symbol.trim()) query.set('symbol', symbol.trim());
    if (replace) query.set('replace', 'true');
    try {
      const text = await file.text();
      setDone(await api<Imported>(`/api/v1/datasets?${query}`, { method: 'POST', raw: { text, contentType: 'text/csv' } }));
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(n: string) {
    if (!window.confirm(`Delete dataset ${n}?`)) return;
    try {
      await api(`/api/v1/datasets/${encodeURIComponent(n)}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="stack">
      <h1>Datasets</h1>
      {can('write') && (
        <form className="card stack" onSubmit={upload} aria-labelledby="import-heading">
          <h2 id="import-heading">Import a CSV</h2>
          <p className="muted small">Columns <code>timestamp,open,high,low,close,volume</code>; header optional; epoch
            milliseconds or ISO times. The timeframe is detected and gaps are reported.</p>
          <div className="param-grid">
            <div className="field">
              <label htmlFor="d-name">Name</label>
              <input id="d-name" required pattern="[A-Za-z0-9_.\-]+" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="d-symbol">Symbol (optional)</label>
              <input id="d-symbol" placeholder="BTC/USDT" value={symbol} onChange={(e) => setSymbol(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="d-file">CSV file</label>
              <input id="d-file" type="file" accept=".csv,text/csv,text/plain" required
                onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <div className="field checkbox">
              <input id="d-replace" type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
              <label htmlFor="d-replace">Replace a dataset of the same name</label>
            </div>
          </div>
          <ErrorBanner error={error} title="Import failed" />
          {done && <div className="banner ok" role="status">Imported {done.name}: {fmtNumber(done.bars)} {done.timeframe} bars of {done.symbol}
            {done.gaps?.length ? `, ${done.gaps.length} gap(s)` : ''}.</div>}
          <div className="actions"><button type="submit" disabled={busy || !file}>{busy ? 'Importing…' : 'Import'}</button></div>
        </form>
      )}
      <section className="card">
        <ErrorBanner error={list.error} />
        {list.data?.datasets.length === 0 && <p className="muted">No datasets yet.</p>}
        {!!list.data?.datasets.length && (
          <div className="table-scroll">
            <table>
              <thead><tr><th scope="col">Name</th><th scope="col">Symbol</th><th scope="col">Timeframe</th>
                <th scope="col" className="num">Bars</th><th scope="col">From</th><th scope="col">To</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {list.data.datasets.map((d) => (
                  <tr key={d.name}>
                    <td>{d.name}</td><td>{d.symbol}</td><td>{d.timeframe}</td><td className="num">{fmtNumber(d.bars)}</td>
                    <td>{fmtTime(d.start)}</td><td>{fmtTime(d.end)}</td>
                    <td>{can('write') && <button type="button" className="secondary" onClick={() => void remove(d.name)}>Delete</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
