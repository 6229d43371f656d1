import { useCallback, useEffect, useRef, useState } from 'react';
import { api, socketUrl } from './api';
import type { Run, Trade } from './types';
import { ACTIVE } from './types';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs a path (null = nothing yet) and keeps the answer; `everyMs` re-reads it in the background. */
export function useApi<T>(path: string | null, everyMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path != null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (path == null) return;
    const abort = new AbortController();
    setLoading(true);
    api<T>(path, { signal: abort.signal })
      .then((d) => {
        setData(d);
        setError(undefined);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setError(e);
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [path, tick]);

  useEffect(() => {
    if (path == null || !everyMs) return;
    const timer = setInterval(reload, everyMs);
    return () => clearInterval(timer);
  }, [path, everyMs, reload]);

  return { data, error, loading, reload };
}

export type Channel = 'connecting' | 'live' | 'polling';

/**
 * Follows one run: its status and its fills as they happen, over /ws/status?run_id=…; when the
 * socket cannot be opened or drops, it polls /api/v1/runs/{id} every two seconds instead (and keeps
 * trying the socket again).
 */
export function useLiveRun(runId: string): { run: Run | undefined; error: Error | undefined; channel: Channel;
  liveTrades: Trade[]; refresh: () => void } {
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<Error>();
  const [channel, setChannel] = useState<Channel>('connecting');
  const [liveTrades, setLiveTrades] = useState<Trade[]>([]);
  const runRef = useRef<Run | undefined>(undefined);
  runRef.current = run;

  const refresh = useCallback(() => {
    api<Run>(`/api/v1/runs/${encodeURIComponent(runId)}`)
      .then((r) => {
        setRun(r);
        setError(undefined);
      })
      .catch((e: Error) => setError(e));
  }, [runId]);

  useEffect(() => {
    setRun(undefined);
    setLiveTrades([]);
    refresh();
    let socket: WebSocket | null = null;
    let poller: ReturnType<typeof setInterval> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let closed = false;

    const startPolling = () => {
      setChannel('polling');
      poller ??= setInterval(() => {
        const current = runRef.current;
        if (!current || ACTIVE.includes(current.status)) refresh();
      }, 2000);
    };
    const stopPolling = () => {
      if (poller) clearInterval(poller);
      poller = null;
    };
    const connect = () => {
      if (closed || typeof WebSocket === 'undefined') {
        startPolling();
        return;
      }
      socket = new WebSocket(socketUrl('/ws/status', { run_id: runId }));
      socket.onopen = () => {
        stopPolling();
        setChannel('live');
        refresh(); // catch up on what happened before the socket was open
      };
      socket.onmessage = (event) => {
        let message: { type?: string; payload?: unknown };
        try {
          message = JSON.parse(event.data as string);
        } catch {
          return;
        }
        if (message.type === 'status_update' && message.payload) {
          setRun(message.payload as Run);
        } else if (message.type === 'trade_execution' && message.payload) {
          // trade_execution carries no value: it is size × price, as in the trades API.
          const fill = message.payload as Omit<Trade, 'value'>;
          const trade: Trade = { ...fill, value: fill.size * fill.price };
          setLiveTrades((ts) => (ts.some((t) => t.id === trade.id) ? ts : [...ts, trade]));
        }
      };
      socket.onclose = () => {
        socket = null;
        if (closed) return;
        startPolling();
        retry = setTimeout(connect, 5000);
      };
    };
    connect();
    return () => {
      closed = true;
      socket?.close();
      stopPolling();
      if (retry) clearTimeout(retry);
    };
  }, [runId, refresh]);

  return { run, error, channel, liveTrades, refresh };
}
