'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocale } from 'next-intl';

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
  /** Bars with the same stack id are stacked. */
  stackId?: string;
}

/**
 * A bar chart for reports. It is a picture with a label for screen readers (`role="img"`); the
 * table beside it is the accessible way to read the numbers.
 */
export function ReportBarChart({
  data,
  series,
  ariaLabel,
  formatValue,
  formatTick,
}: {
  data: Record<string, string | number | null>[];
  series: ChartSeries[];
  ariaLabel: string;
  formatValue: (value: number) => string;
  formatTick: (value: number) => string;
}) {
  const locale = useLocale();
  // Recharts sorts legend and tooltip items by name by default; keep them in the order the bars are drawn.
  const inSeriesOrder = (item: { dataKey?: unknown }) => series.findIndex((s) => s.key === item.dataKey);
  return (
    <figure role="img" aria-label={ariaLabel} className="h-72 w-full min-w-0 overflow-hidden" data-testid="report-chart" data-points={data.length}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: 'currentColor' }} minTickGap={16} />
          <YAxis tick={{ fontSize: 12, fill: 'currentColor' }} tickFormatter={formatTick} width={72} />
          <Tooltip
            formatter={(value) => formatValue(Number(value))}
            contentStyle={{ fontSize: 12 }}
            cursor={{ fillOpacity: 0.08 }}
            labelStyle={{ color: '#0f172a' }}
            itemSorter={inSeriesOrder}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={inSeriesOrder} />
          {series.map((s) => (
            <Bar key={`${s.key}-${locale}`} dataKey={s.key} name={s.name} fill={s.color} stackId={s.stackId} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Short axis numbers: 1,5 jt / 1.5M. */
export function compactNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
