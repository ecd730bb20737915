import { scaleBand, scaleLinear } from 'd3-scale';
import { CHART_COLOURS, CHART_FONT_SIZE, ChartFrame } from './chart-frame.tsx';

interface Props {
  id: string;
  title: string;
  description: string;
  bars: readonly { label: string; value: number }[];
}

const WIDTH = 720;
const VALUE_SPACE = 60;
const ROW = 36;
/** About how wide a 16px character is, to leave room for the longest category name. */
const CHAR_WIDTH = 9.5;
/** Longer names are cut short with "…" in the picture; the table beside it has them in full. */
const MAX_LABEL_CHARS = 36;

const shortLabel = (label: string) =>
  label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;

/**
 * A horizontal bar chart: one bar per category, its name on the left and its number at the end
 * of the bar, so nothing depends on colour or on reading an axis. Built with d3-scale and
 * rendered by React on the server: no JavaScript in the browser.
 */
export function BarChart({ id, title, description, bars }: Props) {
  const height = Math.max(1, bars.length) * ROW + 8;
  const labelWidth = 24 + CHAR_WIDTH * Math.max(8, ...bars.map((bar) => shortLabel(bar.label).length));
  const y = scaleBand()
    .domain(bars.map((bar) => bar.label))
    .range([4, height - 4])
    .padding(0.25);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, WIDTH - labelWidth - VALUE_SPACE]);
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height}>
      {bars.map((bar) => {
        const top = y(bar.label) ?? 0;
        const middle = top + y.bandwidth() / 2;
        return (
          <g key={bar.label}>
            <text x={labelWidth - 8} y={middle} textAnchor="end" dominantBaseline="central" fill="#212b32">
              {shortLabel(bar.label)}
            </text>
            <rect x={labelWidth} y={top} width={x(bar.value)} height={y.bandwidth()} fill={CHART_COLOURS.blue} />
            <text
              x={labelWidth + x(bar.value) + 6}
              y={middle}
              dominantBaseline="central"
              fontWeight="bold"
              fill="#212b32"
              fontSize={CHART_FONT_SIZE}
            >
              {bar.value}
            </text>
          </g>
        );
      })}
      <line x1={labelWidth} x2={labelWidth} y1={0} y2={height} stroke="#4c6272" />
    </ChartFrame>
  );
}
