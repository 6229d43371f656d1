import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Trade } from '../types';
import { arrangeTrades, TradeTable } from './TradeTable';

const trade = (id: string, symbol: string, timestamp: string, value: number, pnl: number | null, side: 'buy' | 'sell' = 'sell'): Trade =>
  ({ id, symbol, timestamp, side, size: 1, price: value, value, pnl, commission: 0.1 });

const TRADES = [
  trade('a', 'BTC/USDT', '2024-01-01T00:00:00Z', 100, null, 'buy'),
  trade('b', 'BTC/USDT', '2024-01-02T00:00:00Z', 110, 10),
  trade('c', 'ETH/USDT', '2024-01-03T00:00:00Z', 50, null, 'buy'),
  trade('d', 'ETH/USDT', '2024-01-04T00:00:00Z', 45, -5),
];

describe('arrangeTrades', () => {
  it('filters by symbol, case-insensitively', () => {
    expect(arrangeTrades(TRADES, 'eth', 'timestamp', false).map((t) => t.id)).toEqual(['d', 'c']);
  });
  it('sorts by P&L with fills that have none last', () => {
    expect(arrangeTrades(TRADES, '', 'pnl', false).map((t) => t.id)).toEqual(['b', 'd', 'a', 'c']);
  });
  it('sorts by value, ascending when asked', () => {
    expect(arrangeTrades(TRADES, '', 'value', true).map((t) => t.id)).toEqual(['d', 'c', 'a', 'b']);
  });
  it('leaves the input alone', () => {
    arrangeTrades(TRADES, '', 'value', true);
    expect(TRADES.map((t) => t.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('TradeTable', () => {
  it('filters and sorts from its controls, with labels', async () => {
    const user = userEvent.setup();
    render(<TradeTable trades={TRADES} />);
    expect(screen.getAllByTestId('trade-row')).toHaveLength(4);
    expect(screen.getByText('4 trades')).toBeTruthy();

    await user.type(screen.getByLabelText('Filter by symbol'), 'btc');
    expect(screen.getAllByTestId('trade-row')).toHaveLength(2);
    expect(screen.getByText('2 of 4 trades')).toBeTruthy();

    await user.clear(screen.getByLabelText('Filter by symbol'));
    await user.selectOptions(screen.getByLabelText('Sort by'), 'pnl');
    const first = screen.getAllByTestId('trade-row')[0];
    expect(within(first).getByText('+10.00')).toBeTruthy();
  });
});
