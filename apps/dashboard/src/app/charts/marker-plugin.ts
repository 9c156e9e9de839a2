import type { Chart, Plugin } from 'chart.js';
import type { ChartMarker } from './chart-series';

/** Draws each marker as a dashed vertical line across the plot, with its label at the top. */
export function markerPlugin(markers: () => readonly ChartMarker[]): Plugin<'line'> {
  return {
    id: 'stratoMarkers',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea, scales } = chart;
      const x = scales['x'];
      if (!x) return;
      ctx.save();
      ctx.font = '11px system-ui, sans-serif';
      ctx.setLineDash([4, 3]);
      for (const marker of markers()) {
        const at = x.getPixelForValue(marker.x);
        if (at < chartArea.left || at > chartArea.right) continue;
        ctx.strokeStyle = marker.color;
        ctx.fillStyle = marker.color;
        ctx.beginPath();
        ctx.moveTo(at, chartArea.top);
        ctx.lineTo(at, chartArea.bottom);
        ctx.stroke();
        ctx.fillText(marker.label, Math.min(at + 3, chartArea.right - 40), chartArea.top + 10);
      }
      ctx.restore();
    },
  };
}
