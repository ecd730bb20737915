import { scaleBand, scaleLinear } from 'd3-scale';
import { CHART_COLOURS, CHART_FONT_SIZE, ChartFrame } from './chart-frame.tsx';

interface Props {
  id: string;
  title: string;
  description: string;
  bars: readonly { label: string; value: number }[];
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_SPACE = 60;
const ROW = 36;

/**
 * A horizontal bar chart: one bar per category, its name on the left and its number at the end
 * of the bar, so nothing depends on colour or on reading an axis. Built with d3-scale and
 * rendered by React on the server: no JavaScript in the browser.
 */
export function BarChart({ id, title, description, bars }: Props) {
  const height = Math.max(1, bars.length) * ROW + 8;
  const y = scaleBand()
    .domain(bars.map((bar) => bar.label))
    .range([4, height - 4])
    .padding(0.25);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, WIDTH - LABEL_WIDTH - VALUE_SPACE]);
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height}>
      {bars.map((bar) => {
        const top = y(bar.label) ?? 0;
        const middle = top + y.bandwidth() / 2;
        return (
          <g key={bar.label}>
            <text x={LABEL_WIDTH - 8} y={middle} textAnchor="end" dominantBaseline="central" fill="#212b32">
              {bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={top} width={x(bar.value)} height={y.bandwidth()} fill={CHART_COLOURS.blue} />
            <text
              x={LABEL_WIDTH + x(bar.value) + 6}
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
      <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} stroke="#4c6272" />
    </ChartFrame>
  );
}
