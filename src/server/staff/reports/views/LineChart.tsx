import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { CHART_COLOURS, ChartFrame } from '../../views/chart-frame.tsx';

export interface Series {
  name: string;
  values: readonly number[];
}

interface Props {
  id: string;
  title: string;
  description: string;
  /** One label per point along the bottom, e.g. "16 Nov". */
  xLabels: readonly string[];
  series: readonly Series[];
}

/** Each line differs in colour, dash pattern and marker shape, so no one needs to tell colours apart. */
const STYLES = [
  { colour: CHART_COLOURS.blue, dash: undefined, marker: 'circle' },
  { colour: CHART_COLOURS.green, dash: '8 4', marker: 'square' },
  { colour: CHART_COLOURS.purple, dash: '2 4', marker: 'triangle' },
] as const;

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 24, bottom: 56, left: 48 };

function Marker({
  shape,
  x,
  y,
  colour,
  size = 5,
}: {
  shape: string;
  x: number;
  y: number;
  colour: string;
  size?: number;
}) {
  if (shape === 'square') return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} fill={colour} />;
  if (shape === 'triangle')
    return <path d={`M${x},${y - size - 1}L${x + size + 1},${y + size}L${x - size - 1},${y + size}Z`} fill={colour} />;
  return <circle cx={x} cy={y} r={size} fill={colour} />;
}

/**
 * Where two series have the same values their lines coincide, and the one drawn last hid the
 * other. Each line is drawn wider, with bigger markers, than every line drawn after it, so an
 * earlier line shows as an edge around a later one on top: 7, 5 and 3 units for three series.
 */
const strokeWidthFor = (index: number, count: number) => 3 + 2 * (count - 1 - index);
const markerSizeFor = (index: number, count: number) => 4 + 3 * (count - 1 - index);

/**
 * Counts over time as lines, with a legend drawn in the picture (line sample, marker and name).
 * d3-scale places the points and d3-shape draws the lines; React renders the SVG on the server.
 */
export function LineChart({ id, title, description, xLabels, series }: Props) {
  const x = scalePoint<number>()
    .domain(xLabels.map((_, index) => index))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.5);
  const max = Math.max(4, ...series.flatMap((s) => s.values));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<number>()
    .x((_, index) => x(index) ?? 0)
    .y((value) => y(value));
  // Label every point when there are few; otherwise every few, so labels do not overlap.
  const every = Math.max(1, Math.ceil(xLabels.length / 8));
  const legendY = HEIGHT - 14;
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={HEIGHT}>
      <g>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#d8dde0" />
            <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="central" fill="#212b32">
              {tick}
            </text>
          </g>
        ))}
        {xLabels.map((label, index) =>
          index % every === 0 ? (
            <text key={label} x={x(index)} y={HEIGHT - MARGIN.bottom + 20} textAnchor="middle" fill="#212b32">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s, index) => {
          const style = STYLES[index % STYLES.length] ?? STYLES[0];
          return (
            <g key={s.name}>
              <path
                d={path(s.values) ?? ''}
                fill="none"
                stroke={style.colour}
                strokeWidth={strokeWidthFor(index, series.length)}
                strokeDasharray={style.dash}
              />
              {s.values.map((value, point) => (
                <Marker
                  key={xLabels[point] ?? point}
                  shape={style.marker}
                  x={x(point) ?? 0}
                  y={y(value)}
                  colour={style.colour}
                  size={markerSizeFor(index, series.length)}
                />
              ))}
              <line
                x1={MARGIN.left + index * 200}
                x2={MARGIN.left + index * 200 + 36}
                y1={legendY}
                y2={legendY}
                stroke={style.colour}
                strokeWidth={3}
                strokeDasharray={style.dash}
              />
              <Marker shape={style.marker} x={MARGIN.left + index * 200 + 18} y={legendY} colour={style.colour} />
              <text x={MARGIN.left + index * 200 + 44} y={legendY} dominantBaseline="central" fill="#212b32">
                {s.name}
              </text>
            </g>
          );
        })}
      </g>
    </ChartFrame>
  );
}
