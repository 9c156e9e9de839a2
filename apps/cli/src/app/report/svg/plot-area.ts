export const chartWidth = 800;
const plotHeight = 280;
const legendGap = 18;
const topPadding = 12;
const bottomMargin = 52;
const sideMargin = 76;
const narrowSideMargin = 24;

/** The pixel edges of the rectangle the data is drawn in; everything else (axes, legend) sits around it. */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartLayout {
  plot: PlotArea;
  height: number;
  legendTop: number;
}

export function chartLayout(legendHeight: number, axes: { left: boolean; right: boolean }): ChartLayout {
  const top = topPadding + legendHeight + legendGap;
  const plot = {
    left: axes.left ? sideMargin : narrowSideMargin,
    right: chartWidth - (axes.right ? sideMargin : narrowSideMargin),
    top,
    bottom: top + plotHeight,
  };
  return { plot, height: plot.bottom + bottomMargin, legendTop: topPadding };
}
