// The one way the dashboard talks to the service: same-origin fetches with the session's bearer
// token, errors turned into ApiError from the service's one error body.

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
  status_code: number;
  path?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, string>;

  constructor(status: number, code: string, message: string, details: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Builds the error from a response; bodies that are not the service's error body still give a readable message. */
  static async from(response: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON (a proxy's page, say): fall through to the status line
    }
    const e = (body as ErrorBody | null)?.error;
    if (e && typeof e.message === 'string') {
      const details: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.details ?? {})) {
        details[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
      return new ApiError(response.status, e.code, e.message, details);
    }
    return new ApiError(response.status, 'HTTP_' + response.status,
      `The service answered ${response.status} ${response.statusText}`.trim());
  }
}

export interface Session {
  username: string;
  role: string;
  permissions: string[];
  accessToken: string;
  refreshToken?: string;
}

const SESSION_KEY = 'cracktrader.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  listeners.forEach((l) => l(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function can(permission: string): boolean {
  return currentSession()?.permissions.includes(permission) ?? false;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as is with this content type instead of JSON. */
  raw?: { text: string; contentType: string };
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    body = options.raw.text;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return fetch(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, signal: options.signal });
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new access token once, however many requests found theirs expired. */
function refresh(): Promise<boolean> {
  const session = currentSession();
  if (!session?.refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const r = await send('/api/auth/refresh', { body: { refresh_token: session.refreshToken } }, undefined);
      if (!r.ok) return false;
      const t = await r.json();
      setSession({ ...session, accessToken: t.access_token, refreshToken: t.refresh_token ?? session.refreshToken });
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Calls the API; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await send(path, options, currentSession()?.accessToken);
    if (response.status === 401 && currentSession() && (await refresh())) {
      response = await send(path, options, currentSession()?.accessToken);
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'The service cannot be reached. Check that it is running.');
  }
  if (response.status === 401 && currentSession()) {
    setSession(null);
  }
  if (!response.ok) throw await ApiError.from(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(username: string, password: string): Promise<Session> {
  const t = await api<{
    access_token: string;
    refresh_token?: string;
    user: { username: string; role: string; permissions: string[] };
  }>('/api/auth/login', { body: { username, password } });
  const session: Session = {
    username: t.user.username,
    role: t.user.role,
    permissions: t.user.permissions ?? [],
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
  };
  setSession(session);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api('/api/auth/logout', { method: 'POST' });
  } catch {
    // the session ends here whatever the service says
  }
  setSession(null);
}

/** The WebSocket address of a path on this origin, with the token the sockets accept as a query parameter. */
export function socketUrl(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = currentSession()?.accessToken;
  if (token) url.searchParams.set('token', token);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
