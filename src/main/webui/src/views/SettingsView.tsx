import { useState, type FormEvent } from 'react';
import { api, can, currentSession } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { fmtTime } from '../format';
import { useApi } from '../hooks';
import type { Exchange } from '../types';

interface Credential {
  exchange: string;
  configured: boolean;
  sandbox?: boolean;
  updated_at?: string;
}

function Password() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>();
  const [ok, setOk] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setOk(false);
    try {
      await api('/api/auth/password', { method: 'PUT', body: { current_password: current, new_password: next } });
      setCurrent('');
      setNext('');
      setOk(true);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="pw-heading">
      <h2 id="pw-heading">Password</h2>
      <div className="param-grid">
        <div className="field">
          <label htmlFor="pw-current">Current password</label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pw-new">New password</label>
          <input id="pw-new" type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
        </div>
      </div>
      <ErrorBanner error={error} />
      {ok && <div className="banner ok" role="status">Password changed.</div>}
      <div className="actions"><button type="submit">Change password</button></div>
    </form>
  );
}

function Credentials() {
  const list = useApi<{ credentials: Credential[] }>('/api/account/credentials');
  const exchanges = useApi<{ details: Exchange[] }>('/api/v1/exchanges');
  const [exchange, setExchange] = useState('binance');
  const [form, setForm] = useState({ apiKey: '', secret: '', passphrase: '', sandbox: true });
  const [error, setError] = useState<unknown>();

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api(`/api/account/credentials/${exchange}`, {
        method: 'PUT',
        body: { apiKey: form.apiKey, secret: form.secret, password: form.passphrase || undefined, sandbox: form.sandbox },
      });
      // Keys are write-only: the form forgets them as soon as the service has them.
      setForm({ apiKey: '', secret: '', passphrase: '', sandbox: true });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(name: string) {
    try {
      await api(`/api/account/credentials/${name}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card stack" aria-labelledby="cred-heading">
      <h2 id="cred-heading">Exchange keys</h2>
      <p className="muted small">Stored encrypted. The service never shows a key again, only whether one is configured.</p>
      {list.data && list.data.credentials.length > 0 && (
        <ul className="checks">
          {list.data.credentials.map((c) => (
            <li key={c.exchange}><strong>{c.exchange}</strong>: {c.configured ? 'configured' : 'not configured'}
              {c.sandbox ? ' (sandbox)' : ''}{c.updated_at ? `, ${fmtTime(c.updated_at)}` : ''}{' '}
              <button type="button" className="secondary" onClick={() => void remove(c.exchange)}>Remove</button></li>
          ))}
        </ul>
      )}
      <form onSubmit={save} className="stack">
        <div className="param-grid">
          <div className="field">
            <label htmlFor="c-exchange">Exchange</label>
            <select id="c-exchange" value={exchange} onChange={(e) => setExchange(e.target.value)}>
              {exchanges.data?.details.filter((x) => !x.simulated).map((x) => <option key={x.name} value={x.name}>{x.title}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="c-key">API key</label>
            <input id="c-key" type="password" autoComplete="off" required value={form.apiKey} onChange={(e) => setForm({ ...form, apiKey: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="c-secret">Secret</label>
            <input id="c-secret" type="password" autoComplete="off" required value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="c-pass">Passphrase (if any)</label>
            <input id="c-pass" type="password" autoComplete="off" value={form.passphrase} onChange={(e) => setForm({ ...form, passphrase: e.target.value })} />
          </div>
          <div className="field checkbox">
            <input id="c-sandbox" type="checkbox" checked={form.sandbox} onChange={(e) => setForm({ ...form, sandbox: e.target.checked })} />
            <label htmlFor="c-sandbox">Testnet (sandbox) keys</label>
          </div>
        </div>
        <ErrorBanner error={error} />
        <div className="actions"><button type="submit">Save keys</button></div>
      </form>
    </section>
  );
}

interface ApiKey {
  id: string;
  name: string;
  permissions: string[];
  created_at: string;
  key?: string;
}

function ApiKeys() {
  const list = useApi<{ keys: ApiKey[] }>('/api/auth/keys');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKey>();
  const [error, setError] = useState<unknown>();
  async function create(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      setCreated(await api<ApiKey>('/api/auth/keys', { body: { name } }));
      setName('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function revoke(id: string) {
    try {
      await api(`/api/auth/keys/${id}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="card stack" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <p className="muted small">For scripts: send as <code>Authorization: Bearer &lt;key&gt;</code>. A key is shown once, when it is made.</p>
      {created?.key && <div className="banner ok" role="status">New key <strong>{created.name}</strong>: <code>{created.key}</code> — copy it now.</div>}
      <ul className="checks">
        {list.data?.keys.map((k) => (
          <li key={k.id}><strong>{k.name}</strong> ({k.permissions.join(', ')}), {fmtTime(k.created_at)}{' '}
            <button type="button" className="secondary" onClick={() => void revoke(k.id)}>Revoke</button></li>
        ))}
      </ul>
      <form onSubmit={create} className="filters">
        <label htmlFor="k-name">Name</label>
        <input id="k-name" required value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">Create key</button>
      </form>
      <ErrorBanner error={error} />
    </section>
  );
}

export default function SettingsView() {
  const session = currentSession();
  return (
    <div className="stack">
      <h1>Settings</h1>
      <p className="muted">Signed in as <strong>{session?.username}</strong>, role {session?.role}
        ({session?.permissions.join(', ')}).</p>
      <Password />
      {can('trade') && <Credentials />}
      <ApiKeys />
      <p className="muted small">Charts by <a href="https://www.tradingview.com/" rel="noreferrer">TradingView Lightweight Charts</a>.</p>
    </div>
  );
}
