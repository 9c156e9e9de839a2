/**
 * How samples combine, the same way whether a minute's samples are rolled up into its row or rows are
 * bucketed for a chart: rates, queue, sessions, CPU, memory and the p50 are means; the p99 is the
 * maximum (a mean of p99s would hide the slow second the chart is for); node counts and desired nodes
 * are the maximum (whole nodes, and the peak the pod reached). Means skip null samples; a bucket with no
 * value at all stays null.
 */
export const POD_COLUMNS =
  'request_rate, latency_p50_ms, latency_p99_ms, queue, sessions, http5xx_rate, nodes_ready, nodes_total, desired_nodes, cpu_percent';

export const POD_AGGREGATES = `AVG(request_rate), AVG(latency_p50_ms), MAX(latency_p99_ms), AVG(queue),
  AVG(sessions), AVG(http5xx_rate), MAX(nodes_ready), MAX(nodes_total), MAX(desired_nodes), AVG(cpu_percent)`;

export const NODE_COLUMNS = 'cpu_percent, memory_bytes';

export const NODE_AGGREGATES = 'AVG(cpu_percent), CAST(ROUND(AVG(memory_bytes)) AS INTEGER)';

/** The start of `at`'s bucket of `@step` ms (both whole ms, `at` never negative). */
export const BUCKET = 'CAST(at / @step AS INTEGER) * @step';

export const MINUTE_MS = 60_000;
