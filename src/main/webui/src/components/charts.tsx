// Charts, drawn with TradingView's lightweight-charts (canvas, no network). This module is loaded
// lazily, so the charting library is not part of the dashboard's first load.
import { useEffect, useRef } from 'react';
import {
  AreaSeries, CandlestickSeries, ColorType, createChart, createSeriesMarkers, LineSeries,
  type IChartApi, type SeriesMarker, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import { candleIndex } from '../series';
import type { Chart, Trade } from '../types';

export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16'];

export interface LinePoint {
  time: number; // epoch milliseconds
  value: number;
}

export interface LineSpec {
  name: string;
  points: LinePoint[];
  color?: string;
  area?: boolean;
}

// Indicator lines take colours that neither the candles nor the buy/sell markers use.
const overlayColor = (i: number) => PALETTE[4 + (i % 4)];

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

function useChart(height: number, build: (chart: IChartApi) => void, deps: unknown[]) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
    const chart = createChart(box.current, {
      autoSize: true,
      height,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: dark ? '#cbd5e1' : '#334155',
        fontFamily: 'system-ui, sans-serif',
      },
      grid: { vertLines: { color: dark ? '#1e293b' : '#eef2f7' }, horzLines: { color: dark ? '#1e293b' : '#eef2f7' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      localization: { timeFormatter: (t: Time) => new Date((t as number) * 1000).toISOString().slice(0, 16).replace('T', ' ') },
    });
    build(chart);
    chart.timeScale().fitContent();
    return () => chart.remove();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return box;
}

/** Keeps one point per second, the last, in time order: what the library needs. */
function clean(points: LinePoint[]) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of [...points].sort((a, b) => a.time - b.time)) {
    if (!Number.isFinite(p.value)) continue;
    const time = seconds(p.time);
    if (out.length && out[out.length - 1].time === time) out[out.length - 1].value = p.value;
    else out.push({ time, value: p.value });
  }
  return out;
}

/** One or more lines on one time axis, with a legend. */
export function LineChart({ lines, height = 280, label, format }: {
  lines: LineSpec[];
  height?: number;
  label: string;
  format?: (v: number) => string;
}) {
  const box = useChart(height, (chart) => {
    lines.forEach((line, i) => {
      const color = line.color ?? PALETTE[i % PALETTE.length];
      const priceFormat = format ? { type: 'custom' as const, formatter: format } : undefined;
      const series = line.area
        ? chart.addSeries(AreaSeries, { lineColor: color, topColor: color + '10', bottomColor: color + '55',
          lineWidth: 2, title: '', priceFormat })
        : chart.addSeries(LineSeries, { color, lineWidth: 2, title: '', priceFormat });
      series.setData(clean(line.points));
    });
  }, [lines, height, format]);
  return (
    <figure className="chart" aria-label={label}>
      <figcaption className="legend">
        {lines.map((l, i) => (
          <span key={l.name}><i style={{ background: l.color ?? PALETTE[i % PALETTE.length] }} />{l.name}</span>
        ))}
      </figcaption>
      <div ref={box} className="chart-canvas" style={{ height }} data-testid="chart" />
    </figure>
  );
}

/** Candles of the run with the strategy's indicator lines and a marker at every fill. */
export function CandleChart({ chart, trades, height = 380 }: { chart: Chart; trades: Trade[]; height?: number }) {
  const box = useChart(height, (c) => {
    const candles = c.addSeries(CandlestickSeries, {
      upColor: '#16a34a', downColor: '#dc2626', borderVisible: false, wickUpColor: '#16a34a', wickDownColor: '#dc2626',
    });
    candles.setData(chart.candles.map(([t, o, h, l, cl]) => ({ time: seconds(t), open: o, high: h, low: l, close: cl })));
    chart.overlays.forEach((overlay, i) => {
      const line = c.addSeries(LineSeries, {
        color: overlayColor(i), lineWidth: 1, priceLineVisible: false, lastValueVisible: false,
        crosshairMarkerVisible: false,
      });
      line.setData(clean(overlay.points.map(([time, value]) => ({ time, value }))));
    });
    const openTimes = chart.candles.map((row) => row[0]);
    const markers: SeriesMarker<Time>[] = [];
    for (const t of trades) {
      if (t.symbol !== chart.symbol) continue;
      const k = candleIndex(openTimes, Date.parse(t.timestamp));
      if (k < 0) continue;
      const buy = t.side === 'buy';
      markers.push({
        time: seconds(openTimes[k]), position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown',
        color: buy ? '#2563eb' : '#f59e0b', text: buy ? 'B' : 'S',
      });
    }
    markers.sort((a, b) => (a.time as number) - (b.time as number));
    createSeriesMarkers(candles, markers);
  }, [chart, trades, height]);
  return (
    <figure className="chart" aria-label={`Candlestick chart of ${chart.symbol} with trade markers`}>
      <figcaption className="legend">
        <span><i style={{ background: '#16a34a' }} />{chart.symbol} {chart.timeframe}
          {chart.bars_per_candle > 1 ? ` (${chart.bars_per_candle} bars per candle)` : ''}</span>
        {chart.overlays.map((o, i) => (
          <span key={o.name}><i style={{ background: overlayColor(i) }} />{o.name}</span>
        ))}
        <span><i style={{ background: '#2563eb' }} />buy ▲</span>
        <span><i style={{ background: '#f59e0b' }} />sell ▼</span>
      </figcaption>
      <div ref={box} className="chart-canvas" style={{ height }} data-testid="candle-chart" />
    </figure>
  );
}
