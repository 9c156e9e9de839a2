/** One line of a time chart: x is a time in ms since the epoch, y null where nothing was measured. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly ChartPoint[];
  /** Drawn as a dashed line (a bound or a wish, not a measurement). */
  readonly dashed?: boolean;
}

export interface ChartPoint {
  readonly x: number;
  readonly y: number | null;
}

/** A moment marked across the chart, e.g. a scale-out with its reason. */
export interface ChartMarker {
  readonly x: number;
  readonly label: string;
  readonly color: string;
}

/** The palette the charts draw in: readable on the light and the dark theme alike. */
export const SERIES_COLORS = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6'];

/** The newest measured value of a series, or null. */
export function latestValue(series: ChartSeries): number | null {
  for (let index = series.points.length - 1; index >= 0; index--) {
    const y = series.points[index].y;
    if (y !== null) return y;
  }
  return null;
}
