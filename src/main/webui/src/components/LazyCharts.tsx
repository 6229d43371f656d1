import { lazy, Suspense, type ComponentProps } from 'react';

const charts = () => import('./charts');
const LazyLine = lazy(() => charts().then((m) => ({ default: m.LineChart })));
const LazyCandles = lazy(() => charts().then((m) => ({ default: m.CandleChart })));

const placeholder = (height: number) => <div className="chart-placeholder" style={{ height }} role="status">Loading chart…</div>;

export function LineChart(props: ComponentProps<typeof LazyLine>) {
  return <Suspense fallback={placeholder(props.height ?? 280)}><LazyLine {...props} /></Suspense>;
}

export function CandleChart(props: ComponentProps<typeof LazyCandles>) {
  return <Suspense fallback={placeholder(props.height ?? 380)}><LazyCandles {...props} /></Suspense>;
}
