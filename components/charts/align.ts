/** One line of a chart: [unix seconds, value] points. */
export interface ChartSeries {
  label: string;
  points: [number, number][];
  color: string;
}

/** uPlot's aligned data: one shared, sorted x array and each series' values at those times (null = gap). */
export function alignSeries(series: ChartSeries[]): [number[], ...(number | null)[][]] {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s.points) col[index.get(t) as number] = v;
    return col;
  });
  return [xs, ...ys];
}
