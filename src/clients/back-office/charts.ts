import { clear, make, svg } from '../../common/browser/dom';
import { formats, t } from '../../i18n/browser/page-i18n';

export type Money = (minor: number) => string;

export interface HourRow {
  hour: string;
  today: number;
  week: number;
}

/** Chart text, in CSS pixels: each chart is drawn at its container's width, so text is never scaled down. */
const FONT_PX = 12;
const COLORS = ['#0b6bcb', '#2e9d5b', '#d98a00', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d'];

/** One column of a column chart: its axis label, its height, its tooltip, and a point of the dashed line. */
export interface Column {
  label: string;
  value: number;
  title: string;
  /** A figure to compare with (last week's), drawn as a dashed line across the columns. */
  compare?: number;
}

/**
 * Net sales by hour, today as bars and the same weekday last week as a dashed line. Hour labels are spaced so
 * they never touch, however narrow the screen.
 */
export function hourlyChart(container: HTMLElement, rows: HourRow[], money: Money): void {
  const columns = rows.map((row) => ({
    label: row.hour,
    value: row.today,
    compare: row.week,
    title: t('glance.hourBar', { hour: row.hour, today: money(row.today), week: money(row.week) }),
  }));
  columnChart(container, columns, money, t('glance.hourlyChart'), 'hour');
}

/**
 * Amounts as columns on a money axis, with a dashed line through the columns' `compare` figures when they have
 * them. Axis labels are spaced so they never touch, however narrow the screen.
 */
export function columnChart(
  container: HTMLElement,
  columns: Column[],
  money: Money,
  label: string,
  /** Each column is marked `data-<dataName>="<its label>"`, for a test or a style to find it. */
  dataName = 'column',
): void {
  const top = Math.max(1, ...columns.map((column) => Math.max(column.value, column.compare ?? 0)));
  const width = Math.max(280, container.clientWidth);
  const height = 220;
  const bottom = 22;
  const plot = height - bottom - 8;
  const axisLabels = [0, 0.5, 1].map((share) => money(Math.round(top * share)));
  const left = 10 + Math.max(...axisLabels.map((axisLabel) => axisLabel.length)) * FONT_PX * 0.62;
  const slot = (width - left) / Math.max(columns.length, 1);
  const longest = Math.max(3, ...columns.map((column) => column.label.length));
  const labelEvery = Math.ceil((FONT_PX * 0.62 * longest + FONT_PX) / slot);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'font-size': FONT_PX,
    'aria-label': label,
  });
  [0, 0.5, 1].forEach((share, index) => {
    const y = 8 + plot * (1 - share);
    chart.appendChild(svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#e5e5ea' }));
    const axis = { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' };
    chart.appendChild(svg('text', axis, axisLabels[index]));
  });
  const points: string[] = [];
  columns.forEach((column, index) => {
    const x = left + index * slot;
    const barHeight = (plot * column.value) / top;
    const bar = svg('rect', {
      x: x + slot * 0.18,
      y: 8 + plot - barHeight,
      width: slot * 0.64,
      height: barHeight,
      fill: '#0b6bcb',
      [`data-${dataName}`]: column.label,
    });
    bar.appendChild(svg('title', {}, column.title));
    chart.appendChild(bar);
    if (column.compare !== undefined) {
      points.push(`${(x + slot / 2).toFixed(1)},${(8 + plot - (plot * column.compare) / top).toFixed(1)}`);
    }
    if (index % labelEvery === 0) {
      const axis = { x: x + slot / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis hour' };
      chart.appendChild(svg('text', axis, column.label));
    }
  });
  if (points.length > 0) {
    const line = { points: points.join(' '), fill: 'none', stroke: '#8a99a8', 'stroke-width': 2 };
    chart.appendChild(svg('polyline', { ...line, 'stroke-dasharray': '5 4' }));
  }
  clear(container).appendChild(chart);
}

export interface MethodShare {
  name: string;
  net: number;
}

/** The payment mix: one stacked bar, and a legend with each method's amount and share. */
export function paymentMix(
  container: HTMLElement,
  legend: HTMLElement,
  methods: MethodShare[],
  money: Money,
) {
  const shown = methods.filter((method) => method.net > 0);
  const total = shown.reduce((sum, method) => sum + method.net, 0);
  clear(container);
  clear(legend);
  if (total === 0) {
    container.appendChild(make('p', 'empty', t('glance.noPayments')));
    return;
  }
  const chart = svg('svg', {
    viewBox: '0 0 600 34',
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': t('glance.paymentMix'),
  });
  let x = 0;
  shown.forEach((method, index) => {
    const color = COLORS[index % COLORS.length];
    const width = (600 * method.net) / total;
    const part = svg('rect', { x, y: 0, width, height: 34, fill: color, 'data-method': method.name });
    part.appendChild(
      svg('title', {}, t('glance.methodShare', { method: method.name, amount: money(method.net) })),
    );
    chart.appendChild(part);
    x += width;
    const entry = make('li');
    const swatch = svg('svg', { width: 10, height: 10, viewBox: '0 0 10 10' });
    swatch.appendChild(svg('rect', { width: 10, height: 10, fill: color }));
    entry.appendChild(swatch);
    const share = formats.percent(Math.round((100 * method.net) / total));
    entry.appendChild(
      document.createTextNode(
        ` ${t('glance.methodLegend', { method: method.name, amount: money(method.net), share })}`,
      ),
    );
    legend.appendChild(entry);
  });
  container.appendChild(chart);
}

export interface BarRow {
  label: string;
  value: number;
  text: string;
  color?: string;
}

/** One row per entry: its label and figures as text that wraps, and under them a bar scaled to the largest. */
export function bars(container: HTMLElement, rows: BarRow[], emptyText: string): void {
  clear(container);
  if (rows.length === 0) {
    container.appendChild(make('p', 'empty', emptyText));
    return;
  }
  const top = Math.max(1, ...rows.map((row) => row.value));
  for (const row of rows) {
    const entry = make('div', 'bar-row');
    const line = make('p');
    line.appendChild(make('strong', null, row.label));
    line.appendChild(make('span', 'axis', `  ${row.text}`));
    const bar = make('div', 'bar');
    // Set through the CSSOM, which the CSP allows (a style attribute in markup it would refuse).
    bar.style.width = `${Math.max(0.5, (100 * row.value) / top)}%`;
    bar.style.background = row.color ?? '#d98a00';
    entry.append(line, bar);
    container.appendChild(entry);
  }
}
