/**
 * Charts of the HTML report, drawn with Observable Plot at build time into static SVG.
 *
 * Why Plot, rendered here rather than in the browser: Plot (Observable's maintained successor
 * to hand-written D3 charts) has the marks these charts need (bars, rules for interval whiskers,
 * areas for interval bands, symbols) and produces plain SVG with `<title>` tooltips. Rendering in
 * Node means the report carries only the SVG (a few kB per chart) instead of a ~1 MB charting
 * bundle, runs no chart code in the reader's browser, prints exactly as shown and cannot make a
 * network request. Plot needs a DOM to build into: linkedom, a small DOM implementation, stands in.
 * Both are imported lazily so that the rest of the harness does not pay for them.
 */
import type * as PlotModule from '@observablehq/plot';
import type { DegradationFamily, DegradationPoint, ReliabilityView } from './calibration.js';
import { METRIC_LABELS, type ChartPoint, type ReportDetector, type SliceFamily } from './model.js';

type Plot = typeof PlotModule;
/** linkedom's document, typed by what Plot uses of it (the harness compiles without the DOM lib). */
type ShimDocument = PlotModule.PlotOptions['document'];
interface RenderedElement {
  outerHTML: string;
  legend?(scale: string): RenderedElement | undefined;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const CHART_STYLE = { fontSize: '12px', fontFamily: FONT, background: 'transparent', overflow: 'visible' };
/** Every metric charted lies in [0, 1]. */
const UNIT_DOMAIN: [number, number] = [0, 1];

export function formatValue(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function interval(p: { ci_low: number | null; ci_high: number | null }): string {
  return p.ci_low === null || p.ci_high === null ? 'no interval' : `[${formatValue(p.ci_low)}, ${formatValue(p.ci_high)}]`;
}

function tooltip(p: ChartPoint, family: SliceFamily): string {
  return `${p.detector}\n${family.slice} = ${p.group}\n${METRIC_LABELS[family.metric] ?? family.metric}: ${formatValue(p.value)} ${interval(p)}\nn = ${p.n}`;
}

/**
 * Plot writes coordinates at full double precision (e.g. 95.99999999999999); two decimals are
 * sub-pixel and make the file noticeably smaller. Only geometry attributes are touched.
 */
export function compactSvg(svg: string): string {
  return svg.replace(/ (x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|transform|points)="([^"]*)"/g, (_m, name: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}(?:e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
    return ` ${name}="${rounded}"`;
  });
}

/** What a chart needs of a detector: its id and its colour and symbol (report detectors and leaderboard entries both have them). */
export type ChartSeries = Pick<ReportDetector, 'id' | 'color' | 'symbol'>;

export interface ChartRenderer {
  /** Bars per group, one colour per detector, with interval whiskers. */
  bars(family: SliceFamily, detectors: readonly ChartSeries[]): string;
  /** Lines over the ordered groups with interval bands. */
  curves(family: SliceFamily, detectors: readonly ChartSeries[]): string;
  /** Reliability diagram: share of fakes against mean predicted p per bin, one line per detector, with the diagonal. */
  reliability(views: readonly ReliabilityView[], detectors: readonly ReportDetector[]): string;
  /** A degradation curve: the overall score against the perturbation's strength, with interval bands. */
  degradation(family: DegradationFamily, detectors: readonly ReportDetector[]): string;
  /** A colour legend (with the curves' symbols when `symbols`). */
  legend(detectors: readonly ChartSeries[], symbols: boolean): string;
  /** The stylesheets Plot put in the charts drawn so far, once each (the charts themselves carry none). */
  css(): string;
}

/**
 * Plot and the DOM it builds into, loaded once per renderer, with the stylesheets its charts
 * carried (kept here, not in each chart).
 */
interface Canvas {
  Plot: Plot;
  /** Plot's plot() with the report's class and style. */
  render(options: PlotModule.PlotOptions): RenderedElement;
  /** The chart's markup without its <style> (remembered for css()). */
  detachStyles(html: string): string;
  /** The stylesheets detached so far, once each. */
  css(): string;
}

async function openCanvas(): Promise<Canvas> {
  const [Plot, { parseHTML }] = await Promise.all([import('@observablehq/plot') as Promise<Plot>, import('linkedom')]);
  const document = parseHTML('<!DOCTYPE html><html><body></body></html>').document as unknown as ShimDocument;
  // Plot repeats the same <style> in every chart and legend: keep one copy for the page's head.
  const styles = new Set<string>();
  const detachStyles = (html: string): string =>
    html.replace(/<style>([\s\S]*?)<\/style>/g, (_m, css: string) => {
      styles.add(css);
      return '';
    });
  const render = (options: PlotModule.PlotOptions): RenderedElement => Plot.plot({ document, className: 'sb-plot', style: CHART_STYLE, ...options }) as unknown as RenderedElement;
  return { Plot, render, detachStyles, css: () => [...styles].join('\n') };
}

/** A finished chart: compacted SVG without its stylesheet. */
function chartSvg(canvas: Canvas, options: PlotModule.PlotOptions): string {
  return canvas.detachStyles(compactSvg(canvas.render(options).outerHTML));
}

const colorScale = (ds: readonly ChartSeries[]) => ({ domain: ds.map((d) => d.id), range: ds.map((d) => d.color) });
const symbolScale = (ds: readonly ChartSeries[]) => ({ domain: ds.map((d) => d.id), range: ds.map((d) => d.symbol) });
/** The detectors with at least one point, in the given order (the colour and symbol domains). */
const present = <S extends ChartSeries>(points: readonly { detector: string }[], detectors: readonly S[]): S[] => detectors.filter((d) => points.some((p) => p.detector === d.id));
const withInterval = <P extends { ci_low: number | null; ci_high: number | null }>(points: readonly P[]): P[] => points.filter((p) => p.ci_low !== null && p.ci_high !== null);

function barsChart(canvas: Canvas, family: SliceFamily, detectors: readonly ChartSeries[]): string {
  const { Plot } = canvas;
  const ds = present(family.points, detectors);
  const marginLeft = 44;
  const label = (g: string): string => `${g}\nn=${family.groupN[g] ?? 0}`;
  // Each group is wide enough for its bars and for its label (about 7 px per character at 12 px).
  const longest = Math.max(...family.groups.map((g) => g.length), 4);
  const perGroup = Math.max(ds.length * 22 + 26, longest * 7 + 16);
  const width = Math.min(1100, Math.max(300, family.groups.length * perGroup + marginLeft + 10));
  // Whisker caps about 10 px wide, whatever the bar width.
  const bar = ((width - marginLeft - 10) / family.groups.length) * 0.88 / Math.max(1, ds.length) * 0.88;
  const cap = { stroke: '#1a1a1a', strokeWidth: 1.5, inset: Math.max(0, (bar - 10) / 2) };
  const whiskers = withInterval(family.points);
  return chartSvg(canvas, {
    width,
    height: 270,
    marginLeft,
    marginRight: 10,
    marginBottom: 40,
    ariaLabel: `${family.title}: ${METRIC_LABELS[family.metric] ?? family.metric} per ${family.slice}, bars per detector with interval whiskers`,
    fx: { domain: family.groups, label: null, axis: 'bottom', tickFormat: label, padding: 0.12 },
    x: { domain: ds.map((d) => d.id), axis: null, paddingInner: 0.12 },
    y: { domain: UNIT_DOMAIN },
    color: colorScale(ds),
    marks: [
      // One y axis on the left only (Plot would repeat it beside empty groups).
      Plot.axisY({ facetAnchor: 'left', label: `↑ ${family.metric}` }),
      Plot.gridY({ facetAnchor: null }),
      Plot.barY(family.points, { fx: 'group', x: 'detector', y: 'value', fill: 'detector', title: (p: ChartPoint) => tooltip(p, family) }),
      Plot.ruleX(whiskers, { fx: 'group', x: 'detector', y1: 'ci_low', y2: 'ci_high', stroke: '#1a1a1a', strokeWidth: 1.5 }),
      Plot.tickY(whiskers, { fx: 'group', x: 'detector', y: 'ci_low', ...cap }),
      Plot.tickY(whiskers, { fx: 'group', x: 'detector', y: 'ci_high', ...cap }),
      Plot.ruleY([0]),
    ],
  });
}

/** What differs between the two line charts with interval bands (slice curves, degradation curves). */
interface BandedLines<P extends ChartPoint | DegradationPoint> {
  points: readonly P[];
  /** The field of a point on the x axis. */
  xField: 'group' | 'level';
  x: PlotModule.ScaleOptions;
  metric: string;
  ariaLabel: string;
  title(point: P): string;
}

/** Lines per detector over x, with its interval as a band and a titled symbol at each point. */
function bandedLinesChart<P extends ChartPoint | DegradationPoint>(canvas: Canvas, lines: BandedLines<P>, detectors: readonly ChartSeries[]): string {
  const { Plot } = canvas;
  const ds = present(lines.points, detectors);
  const x = lines.xField;
  return chartSvg(canvas, {
    width: 360,
    height: 240,
    marginLeft: 44,
    marginRight: 16,
    ariaLabel: lines.ariaLabel,
    x: lines.x,
    y: { domain: UNIT_DOMAIN, grid: true, label: `↑ ${lines.metric}` },
    color: colorScale(ds),
    symbol: symbolScale(ds),
    marks: [
      Plot.areaY(withInterval(lines.points), { x, y1: 'ci_low', y2: 'ci_high', fill: 'detector', z: 'detector', fillOpacity: 0.14 }),
      Plot.lineY(lines.points, { x, y: 'value', stroke: 'detector', z: 'detector', strokeWidth: 2 }),
      Plot.dot(lines.points, { x, y: 'value', fill: 'detector', symbol: 'detector', r: 4.5, stroke: 'white', strokeWidth: 0.8, title: lines.title }),
    ],
  });
}

function curvesChart(canvas: Canvas, family: SliceFamily, detectors: readonly ChartSeries[]): string {
  return bandedLinesChart(canvas, {
    points: family.points,
    xField: 'group',
    x: { type: 'point', domain: family.groups, label: null, padding: 0.3 },
    metric: family.metric,
    ariaLabel: `${family.title}: ${METRIC_LABELS[family.metric] ?? family.metric} over ${family.groups.join(', ')}, one line per detector with interval bands`,
    title: (p) => tooltip(p, family),
  }, detectors);
}

function degradationChart(canvas: Canvas, family: DegradationFamily, detectors: readonly ChartSeries[]): string {
  return bandedLinesChart(canvas, {
    points: family.points,
    xField: 'level',
    x: { label: `${family.axis} →`, grid: true },
    metric: family.metric,
    ariaLabel: `${family.title}: ${METRIC_LABELS[family.metric] ?? family.metric} against ${family.axis}, one line per detector with interval bands`,
    title: (p) => `${p.detector}\n${p.perturbation}: ${formatValue(p.value)} ${interval(p)}\nn = ${p.n}`,
  }, detectors);
}

function reliabilityChart(canvas: Canvas, views: readonly ReliabilityView[], detectors: readonly ChartSeries[]): string {
  const { Plot } = canvas;
  const points = views.flatMap((v) => v.bins.map((b) => ({ ...b, detector: v.detector })));
  const ds = present(points, detectors);
  const title = (p: (typeof points)[number]): string => `${p.detector}\nbin ${p.bin + 1}/15: mean p ${formatValue(p.meanScore)}, fakes ${formatValue(p.fakeShare)}\nn = ${p.n}`;
  return chartSvg(canvas, {
    width: 360,
    height: 300,
    marginLeft: 44,
    ariaLabel: 'Reliability diagram: share of fakes against the mean predicted probability per bin, one line per detector; the diagonal is perfect calibration',
    x: { domain: UNIT_DOMAIN, label: 'mean predicted p(fake) →', grid: true },
    y: { domain: UNIT_DOMAIN, label: '↑ share of fakes', grid: true },
    color: colorScale(ds),
    symbol: symbolScale(ds),
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: '#888', strokeDasharray: '4,3' }),
      Plot.lineY(points, { x: 'meanScore', y: 'fakeShare', stroke: 'detector', z: 'detector', strokeWidth: 1.5 }),
      Plot.dot(points, { x: 'meanScore', y: 'fakeShare', fill: 'detector', symbol: 'detector', r: (p: { n: number }) => 2 + Math.min(6, Math.sqrt(p.n)), stroke: 'white', strokeWidth: 0.8, title }),
    ],
  });
}

function legendChart(canvas: Canvas, detectors: readonly ChartSeries[], symbols: boolean): string {
  // A legend comes from a plot's scales: when colour and symbol share a domain, Plot draws
  // the symbol legend in the detectors' colours.
  const points = detectors.map((d) => ({ id: d.id }));
  const plot = canvas.render({
    color: colorScale(detectors),
    ...(symbols ? { symbol: symbolScale(detectors) } : {}),
    marks: [canvas.Plot.dot(points, { x: 'id', fill: 'id', ...(symbols ? { symbol: 'id' } : {}) })],
  });
  return canvas.detachStyles(plot.legend?.(symbols ? 'symbol' : 'color')?.outerHTML ?? '');
}

export async function createChartRenderer(): Promise<ChartRenderer> {
  const canvas = await openCanvas();
  return {
    bars: (family, detectors) => barsChart(canvas, family, detectors),
    curves: (family, detectors) => curvesChart(canvas, family, detectors),
    reliability: (views, detectors) => reliabilityChart(canvas, views, detectors),
    degradation: (family, detectors) => degradationChart(canvas, family, detectors),
    legend: (detectors, symbols) => legendChart(canvas, detectors, symbols),
    css: () => canvas.css(),
  };
}
