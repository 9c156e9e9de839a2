import { ReportChart } from '../report-document';
import { barChart } from './bar-chart';
import { percentileChart } from './percentile-chart';
import { timeChart } from './time-chart';

/** A chart as a <figure> holding an inline SVG: drawn here, in Node, so the page needs no script. */
export function renderChart(chart: ReportChart): string {
  switch (chart.kind) {
    case 'time':
      return timeChart(chart);
    case 'percentiles':
      return percentileChart(chart);
    case 'bars':
      return barChart(chart);
  }
}
