'use client';

import 'uplot/dist/uPlot.min.css';
import './charts.css';
import { useEffect, useRef } from 'react';
import type uPlotType from 'uplot';
import { alignSeries, type ChartSeries } from './align';

interface Props {
  title: string;
  series: ChartSeries[];
  /** Formats a y value for the axis and the legend. */
  format: (v: number) => string;
  height?: number;
}

/** A small time-series line chart (uPlot), sized to its container, with an accessible summary. */
export function TimeSeriesChart({ title, series, format, height = 140 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlotType | undefined>(undefined);
  const empty = series.every((s) => s.points.length === 0);
  const key = series.map((s) => s.label).join('|');

  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    void import('uplot').then(({ default: UPlot }) => {
      const el = box.current;
      if (cancelled || !el) return;
      const style = getComputedStyle(el);
      const axisColor = style.getPropertyValue('--pf-t--global--text--color--subtle').trim() || '#6a6e73';
      const gridColor = style.getPropertyValue('--pf-t--global--border--color--default').trim() || '#d2d2d2';
      const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 0.5 }, ticks: { stroke: gridColor, width: 0.5 }, font: '11px sans-serif' };
      plot.current = new UPlot(
        {
          width: el.clientWidth || 320,
          height,
          cursor: { drag: { x: false, y: false } },
          legend: { live: true },
          scales: { x: { time: true } },
          axes: [axis, { ...axis, size: 56, values: (_u, vals) => vals.map((v) => (v == null ? '' : format(v))) }],
          series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, points: { show: false }, value: (_u: uPlotType, v: number | null) => (v == null ? '–' : format(v)) }))],
        },
        alignSeries(series) as uPlotType.AlignedData,
        el,
      );
      observer = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = undefined;
    };
    // Re-created when the set of lines changes; data changes go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, height]);

  useEffect(() => {
    plot.current?.setData(alignSeries(series) as uPlotType.AlignedData);
  }, [series]);

  const last = series.map((s) => `${s.label} ${s.points.length ? format((s.points[s.points.length - 1] as [number, number])[1]) : 'no data'}`).join(', ');
  return (
    <figure className="meridian-chart" aria-label={`${title}: ${last}`}>
      <figcaption className="meridian-chart-title">{title}</figcaption>
      {empty && <div className="meridian-chart-empty">No data in this window</div>}
      <div ref={box} style={{ display: empty ? 'none' : undefined }} />
    </figure>
  );
}
