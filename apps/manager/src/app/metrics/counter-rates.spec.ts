import { CounterRates } from './counter-rates';

describe('CounterRates', () => {
  it('gives the increase per second since the previous reading, a first reading being a baseline', () => {
    const rates = new CounterRates();
    expect(rates.rate('light/n1', 10, 1000)).toBe(0);
    expect(rates.rate('light/n1', 14, 3000)).toBe(2);
    expect(rates.rate('light/n1', 14, 4000)).toBe(0);
    expect(rates.rate('light/n1', 15, 4500)).toBe(2);
  });

  it('takes a counter that went down (a restart) or no time passing as a new baseline, never a negative rate', () => {
    const rates = new CounterRates();
    rates.rate('k', 50, 1000);
    expect(rates.rate('k', 3, 2000)).toBe(0);
    expect(rates.rate('k', 5, 3000)).toBe(2);
    expect(rates.rate('k', 9, 3000)).toBe(0);
  });

  it('forgets the keys not retained: one that comes back starts from a baseline again', () => {
    const rates = new CounterRates();
    rates.rate('a', 1, 1000);
    rates.rate('b', 1, 1000);
    rates.retain(new Set(['a']));
    expect(rates.rate('a', 2, 2000)).toBe(1);
    expect(rates.rate('b', 100, 2000)).toBe(0);
  });
});
