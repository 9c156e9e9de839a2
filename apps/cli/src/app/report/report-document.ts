/**
 * A report as content, independent of how it is shown: the terminal prints its text and tables
 * (render-text), the self-contained HTML file draws its charts too (render-html). Experiments and saved
 * runs are mapped to one of these; the renderers know nothing about experiments.
 */
export interface ReportDocument {
  title: string;
  /** e.g. when it ran and against what. */
  subtitle?: string;
  /** How to read it: the load model, where latency is measured from. Shown near the top. */
  notes: string[];
  /** What went wrong with the measurement itself; shown loudly, near the top. */
  warnings: string[];
  sections: ReportSection[];
}

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  tables?: ReportTable[];
  charts?: ReportChart[];
  /** Sub-sections, one level deeper (e.g. one per algorithm inside a pod). */
  sections?: ReportSection[];
}

export type Cell = string | number | null;

export interface ReportTable {
  caption: string;
  columns: string[];
  rows: Cell[][];
}

export type ReportChart = TimeChart | PercentileChart | BarChart;

/** A point; y null is a gap (nothing measured then), not zero. */
export type Point = [x: number, y: number | null];

export interface Series {
  name: string;
  points: Point[];
  /** Which y axis; default left. */
  axis?: 'left' | 'right';
  /** Drawn as steps (a count that holds until it changes, e.g. nodes), not straight lines. */
  step?: boolean;
}

/** Several series on one time axis (seconds since the start), e.g. load and nodes left, latency right. */
export interface TimeChart {
  kind: 'time';
  title: string;
  /** e.g. "s since start" */
  xLabel: string;
  leftLabel: string;
  rightLabel?: string;
  rightScale?: 'linear' | 'log';
  series: Series[];
  /** Vertical lines with a label, e.g. "spike starts". */
  markers?: { x: number; label: string }[];
  /** A horizontal line on the right (or left, when there is no right) axis, e.g. the latency SLO. */
  threshold?: { y: number; label: string; axis?: 'left' | 'right' };
}

/** Latency by percentile, one line per variant; x is drawn so 50, 90, 99, 99.9, 99.99 are evenly apart. */
export interface PercentileChart {
  kind: 'percentiles';
  title: string;
  series: { name: string; points: { percentile: number; ms: number }[] }[];
}

/** Grouped bars, e.g. per algorithm (group) the share of each node (bar). */
export interface BarChart {
  kind: 'bars';
  title: string;
  /** e.g. "% of requests" */
  unit: string;
  groups: { label: string; bars: { name: string; value: number }[] }[];
}
