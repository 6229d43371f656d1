// Shapes of the service's JSON, as the dashboard reads them (see /openapi for the full contract).

export type RunStatus = 'idle' | 'starting' | 'running' | 'completed' | 'failed' | 'stopped';

export interface DataSource {
  exchange: string;
  simulated: boolean;
  description: string;
}

export interface Run {
  run_id: string;
  status: RunStatus;
  mode: string;
  strategy_name: string;
  strategy_params: Record<string, unknown>;
  symbols: string[];
  timeframe: string;
  exchange: string;
  data_source: DataSource;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
  start_time: string | null;
  end_time: string | null;
  runtime_seconds: number | null;
  progress: number;
  bars_processed: number;
  initial_cash: number;
  cash: number | null;
  value: number | null;
  pnl: number | null;
  trade_count: number;
  error: string | null;
}

export interface Trade {
  id: string;
  timestamp: string;
  symbol: string;
  side: 'buy' | 'sell';
  size: number;
  price: number;
  value: number;
  pnl: number | null;
  commission: number;
}

export interface EquityPoint {
  timestamp: string;
  value: number;
  cash: number;
  pnl: number;
  benchmark: number | null;
}

export type Metrics = Record<string, number | null>;

export interface Results {
  run_id: string;
  status: RunStatus;
  strategy_name: string;
  initial_cash: number;
  final_value: number | null;
  pnl: number | null;
  performance_metrics: Metrics | null;
  equity_curve: EquityPoint[];
  error: string | null;
}

export interface Page<T> {
  items: T[];
  pagination: { page: number; size: number; total: number; pages: number };
}

export interface ParameterSpec {
  type: 'integer' | 'number' | 'boolean' | 'string';
  default: unknown;
  min: number | null;
  max: number | null;
  description: string;
}

export interface StrategyType {
  name: string;
  description: string;
  kind: string;
  parameters: Record<string, ParameterSpec>;
}

export interface Exchange {
  name: string;
  title: string;
  simulated: boolean;
  candles: boolean;
  trading: boolean;
  sandbox: boolean;
  modes: string[];
  timeframes: string[];
}

export interface Dataset {
  name: string;
  symbol: string;
  timeframe: string;
  bars: number;
  start: string;
  end: string;
}

export interface Chart {
  run_id: string;
  symbol: string;
  timeframe: string;
  bars_per_candle: number;
  candles: [number, number, number, number, number, number][];
  overlays: { name: string; points: [number, number][] }[];
}

export interface ManagedStrategy {
  id: string;
  name: string;
  description: string | null;
  category: string;
  strategy_type: string;
  parameters: Record<string, unknown>;
  risk_level: string;
  tags: string[];
  timeframe: string;
  symbols: string[];
  exchange: string;
  initial_capital: number;
  status: 'inactive' | 'running' | 'stopped' | 'error';
  pnl: number | null;
  positions: number;
  current_run_id: string | null;
  permissions: string[];
  updated_at: string;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  category: string;
  strategy_type: string;
  risk_level: string;
  parameters: Record<string, unknown>;
  tags: string[];
  timeframe: string;
}

export interface Health {
  status: string;
  checks: Record<string, { status: string; message: string }>;
  metrics: { active_runs: number; uptime_seconds: number; memory_used_mb: number; memory_max_mb: number };
  version: string;
}

export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'];
export const ACTIVE: RunStatus[] = ['starting', 'running'];
