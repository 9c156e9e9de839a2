import { thresholdMistake } from './elasticity.command';

describe('cloud elasticity lower_threshold / upper_threshold', () => {
  it.each([
    ['cpu', 0.2, "cpu thresholds are percent of the node's CPU cap: 0.2 would be 0.2 %; for 20 % write 20"],
    [
      'cpu',
      0.75,
      "cpu thresholds are percent of the node's CPU cap: 0.75 would be 0.75 %; for 75 % write 75",
    ],
  ])('refuses a %s threshold written as a fraction (%s), saying what to write', (metric, value, message) => {
    expect(thresholdMistake(metric, value)).toBe(message);
  });

  it.each([
    ['cpu', 20],
    ['cpu', 1],
    ['requestsPerNode', 0.5],
    ['latencyP90', 0.8],
  ])('takes %s %s as it is', (metric, value) => {
    expect(thresholdMistake(metric, value)).toBeUndefined();
  });
});
