import { api, ApiError, currentSession, setSession } from './api';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the session token and trades an expired one for a new one once', async () => {
    setSession({ username: 'u', role: 'trader', permissions: ['read'], accessToken: 'old', refreshToken: 'r1' });
    const calls: { url: string; auth?: string; body?: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).Authorization;
      calls.push({ url, auth, body: init.body as string | undefined });
      if (url === '/api/auth/refresh') return json(200, { access_token: 'new', refresh_token: 'r2' });
      return auth === 'Bearer new' ? json(200, { ok: true })
        : json(401, { error: { code: 'AUTHENTICATION_ERROR', message: 'Token expired' }, status_code: 401 });
    }));

    await expect(api('/api/v1/status')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.url} ${c.auth ?? ''}`)).toEqual([
      '/api/v1/status Bearer old', '/api/auth/refresh ', '/api/v1/status Bearer new']);
    expect(JSON.parse(calls[1].body!)).toEqual({ refresh_token: 'r1' });
    expect(currentSession()?.accessToken).toBe('new');
    expect(currentSession()?.refreshToken).toBe('r2');
  });

  it('ends the session when the token cannot be renewed, and rejects with the error body', async () => {
    setSession({ username: 'u', role: 'trader', permissions: [], accessToken: 'old', refreshToken: 'bad' });
    vi.stubGlobal('fetch', vi.fn(async () =>
      json(401, { error: { code: 'AUTHENTICATION_ERROR', message: 'Token expired' }, status_code: 401 })));
    const error = await api('/api/v1/status').then(() => null, (e: unknown) => e as ApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.code).toBe('AUTHENTICATION_ERROR');
    expect(currentSession()).toBeNull();
  });

  it('says the service cannot be reached when the request fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api('/api/v1/status')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
