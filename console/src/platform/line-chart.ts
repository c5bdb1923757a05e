import type uPlot from 'uplot';

/** One line of a chart: its name, a value per day (null where there is none), how a value reads. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  format: (value: number) => string;
}

/** A drawn chart: resize it with its box, remove it when the view goes. */
export interface LineChart {
  resize(width: number): void;
  destroy(): void;
}

/** What the vertical axis measures: whole counts, seconds, or shares from 0 to 1. */
export type ChartScale = 'count' | 'seconds' | 'share';

/** Draws `series` over `days` into `target`; the view passes this, tests may pass another. */
export type DrawLineChart = (
  target: HTMLElement,
  chart: {
    days: string[];
    series: ChartSeries[];
    scale: ChartScale;
    label: string;
    width: number;
  },
) => Promise<LineChart>;

/** Counts step by whole numbers only (no "1.25 conversations"). */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000];

const HEIGHT = 220;

/**
 * uPlot is loaded here, on the first chart drawn, so only the reports page pays for it (Vite
 * makes it a chunk of its own). Colours come from the stylesheet's variables, to match the theme.
 */
export const drawLineChart: DrawLineChart = async (target, chart) => {
  const [{ default: UPlot }] = await Promise.all([
    import('uplot'),
    import('uplot/dist/uPlot.min.css'),
  ]);
  const style = getComputedStyle(target);
  const palette = ['--primary', '--danger', '--success', '--warning'].map(
    (name) => style.getPropertyValue(name).trim() || '#4f46e5',
  );
  const axisColour = style.getPropertyValue('--text-2').trim() || '#4b5563';
  const gridColour = style.getPropertyValue('--border').trim() || '#e5e7eb';
  const axis = (values: uPlot.Axis['values'], size?: number): uPlot.Axis => ({
    stroke: axisColour,
    grid: { stroke: gridColour, width: 1 },
    ticks: { stroke: gridColour, width: 1 },
    values,
    ...(size ? { size } : {}),
  });
  const first = chart.series[0];
  const options: uPlot.Options = {
    width: chart.width,
    height: HEIGHT,
    scales: {
      x: { time: false },
      // Every scale starts at zero, so a small change does not look like a cliff.
      y: {
        range: (_u, _min, max): uPlot.Range.MinMax =>
          chart.scale === 'share' ? [0, 1] : [0, max > 0 ? max * 1.1 : 1],
      },
    },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'Day', value: (_u, index) => (index === null ? '' : (chart.days[index] ?? '')) },
      ...chart.series.map((line, index) => ({
        label: line.label,
        stroke: palette[index % palette.length] ?? '#4f46e5',
        width: 2,
        points: { show: chart.days.length <= 31 },
        spanGaps: false,
        value: (_u: uPlot, value: number | null) => (value === null ? '—' : line.format(value)),
      })),
    ],
    axes: [
      axis((_u, splits) =>
        splits.map((split) => (Number.isInteger(split) ? (chart.days[split]?.slice(5) ?? '') : '')),
      ),
      {
        ...axis(
          (_u, splits) => splits.map((split) => (first ? first.format(split) : String(split))),
          64,
        ),
        ...(chart.scale === 'count' ? { incrs: WHOLE_STEPS } : {}),
      },
    ],
  };
  const data: uPlot.AlignedData = [
    chart.days.map((_day, index) => index),
    ...chart.series.map((line) => line.values),
  ];
  const plot = new UPlot(options, data, target);
  plot.ctx.canvas.setAttribute('aria-label', chart.label);
  plot.ctx.canvas.setAttribute('role', 'img');
  return {
    resize: (width) => plot.setSize({ width, height: HEIGHT }),
    destroy: () => plot.destroy(),
  };
};
