import { useState, type FormEvent } from 'react';
import { login } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';

export function LoginView() {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username, password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form onSubmit={submit} aria-labelledby="login-heading" className="card">
        <h1 id="login-heading">Cracktrader</h1>
        <p className="muted">Sign in to backtest, paper-trade and follow your strategies.</p>
        <ErrorBanner error={error} title="Sign-in failed" />
        <div className="field">
          <label htmlFor="username">Username</label>
          <input id="username" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} autoFocus />
        </div>
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted small">
          The first start prints the administrator's password to the service log.
          API: <a href="/docs/">Swagger UI</a> · <a href="/redoc/">reference</a>
        </p>
      </form>
    </main>
  );
}
