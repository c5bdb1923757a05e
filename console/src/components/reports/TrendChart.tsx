import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartScale, ChartSeries, DrawLineChart } from '../../platform/line-chart';

/**
 * A line chart of some figures over the period's days, with the same figures as a table for
 * keyboard and screen-reader users (and for anyone who wants the exact values).
 */
export function TrendChart(props: {
  title: string;
  days: string[];
  series: ChartSeries[];
  scale: ChartScale;
  draw: DrawLineChart;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const captionId = `chart-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const label = describe(props.title, props.days, props.series);
  // Redraw when the figures change, not on every render of the page.
  const data = JSON.stringify([props.days, props.series.map((line) => line.values)]);

  useEffect(() => {
    const target = box.current;
    if (!target) return;
    let chart: { resize(width: number): void; destroy(): void } | null = null;
    let gone = false;
    setFailed(false);
    props
      .draw(target, {
        days: props.days,
        series: props.series,
        scale: props.scale,
        label,
        width: target.clientWidth,
      })
      .then((drawn) => {
        if (gone) drawn.destroy();
        else chart = drawn;
      })
      .catch(() => {
        if (!gone) setFailed(true);
      });
    // The chart follows its box's width (the page narrows, a side panel opens).
    const observer =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => chart?.resize(target.clientWidth))
        : null;
    observer?.observe(target);
    return () => {
      gone = true;
      observer?.disconnect();
      chart?.destroy();
      target.replaceChildren();
    };
  }, [props.draw, props.scale, data, label]);

  return (
    <figure class="trend" aria-labelledby={captionId}>
      <figcaption class="trend-title" id={captionId}>
        {props.title}
      </figcaption>
      <div class="trend-canvas" ref={box} role="img" aria-label={label} />
      {failed && (
        <p class="muted">The chart could not be drawn; the table below has its figures.</p>
      )}
      <details class="trend-table">
        <summary>Show as table</summary>
        <div class="table-scroll">
          <table class="table report-table">
            <caption class="sr-only">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {props.series.map((line) => (
                  <th scope="col" key={line.label}>
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.days.map((day, index) => (
                <tr key={day}>
                  <th scope="row">{day}</th>
                  {props.series.map((line) => {
                    const value = line.values[index] ?? null;
                    return <td key={line.label}>{value === null ? '—' : line.format(value)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** What the chart shows, in words: its range of days and each line's lowest and highest value. */
function describe(title: string, days: string[], series: ChartSeries[]): string {
  const range = days.length > 0 ? ` from ${days[0]} to ${days[days.length - 1]}` : '';
  const lines = series.map((line) => {
    const known = line.values.filter((value): value is number => value !== null);
    if (known.length === 0) return `${line.label}: no data`;
    return `${line.label} between ${line.format(Math.min(...known))} and ${line.format(Math.max(...known))}`;
  });
  return `${title}${range}. ${lines.join('; ')}. The table below has every day's value.`;
}
