import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { currentSession, logout, onSessionChange, type Session } from './api';
import { LoginView } from './views/LoginView';
import { OverviewView } from './views/OverviewView';

// Views past the first screen load on demand, so the first render only needs the login and overview.
const LaunchView = lazy(() => import('./views/LaunchView'));
const RunView = lazy(() => import('./views/RunView'));
const HistoryView = lazy(() => import('./views/HistoryView'));
const StrategiesView = lazy(() => import('./views/StrategiesView'));
const DatasetsView = lazy(() => import('./views/DatasetsView'));
const SettingsView = lazy(() => import('./views/SettingsView'));

const NAV: [string, string][] = [
  ['/', 'Overview'],
  ['/launch', 'New run'],
  ['/runs', 'Runs'],
  ['/strategies', 'Strategies'],
  ['/datasets', 'Datasets'],
  ['/settings', 'Settings'],
];

function NavLink({ href, label }: { href: string; label: string }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' : location.startsWith(href);
  return <Link href={href} aria-current={current ? 'page' : undefined}>{label}</Link>;
}

function Shell({ session }: { session: Session }) {
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand">Cracktrader</span>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => <NavLink key={href} href={href} label={label} />)}
        </nav>
        <span className="who">
          <span>{session.username} <small>({session.role})</small></span>
          <button type="button" className="secondary" onClick={() => void logout()}>Sign out</button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
          <Switch>
            <Route path="/" component={OverviewView} />
            <Route path="/launch" component={LaunchView} />
            <Route path="/runs" component={HistoryView} />
            <Route path="/runs/:id">{(p) => <RunView id={p.id} />}</Route>
            <Route path="/strategies" component={StrategiesView} />
            <Route path="/datasets" component={DatasetsView} />
            <Route path="/settings" component={SettingsView} />
            <Route><Redirect to="/" /></Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}

export function App() {
  const [session, setSession] = useState<Session | null>(currentSession);
  useEffect(() => onSessionChange(setSession), []);
  return (
    <Router hook={useHashLocation}>
      {session ? <Shell session={session} /> : <LoginView />}
    </Router>
  );
}
