import { TimeChart } from '../report-document';

/** A time chart with only what a test cares about filled in. */
export const timeChartOf = (overrides: Partial<TimeChart>): TimeChart => ({
  kind: 'time',
  title: 'Load',
  xLabel: 's since start',
  leftLabel: 'req/s',
  series: [],
  ...overrides,
});
