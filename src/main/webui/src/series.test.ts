import { candleIndex, drawdowns } from './series';

describe('candleIndex', () => {
  const opens = [1000, 2000, 3000, 4000];
  it('finds the candle a time falls in', () => {
    expect(candleIndex(opens, 1000)).toBe(0);
    expect(candleIndex(opens, 2999)).toBe(1);
    expect(candleIndex(opens, 3000)).toBe(2);
    expect(candleIndex(opens, 9999)).toBe(3);
  });
  it('answers −1 before the first candle and for no candles', () => {
    expect(candleIndex(opens, 999)).toBe(-1);
    expect(candleIndex([], 5)).toBe(-1);
  });
});

describe('drawdowns', () => {
  it('measures each point against the running peak', () => {
    const dd = drawdowns([100, 120, 90, 130, 117].map((value, time) => ({ time, value })));
    expect(dd.map((p) => p.value)).toEqual([0, 0, 90 / 120 - 1, 0, 117 / 130 - 1]);
  });
});
