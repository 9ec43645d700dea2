/**
 * Equity chart: a block sparkline with the range printed at the side, green when the series ends
 * above where it started, red below.
 *
 *   65,000.00 ┤      ▂▄▆█▇▆
 *   60,000.00 ┤▂▄▆███████████
 */
import { Box, Text } from "ink";
import { sparklineRows } from "../lib/sparkline.ts";
import { money } from "../lib/format.ts";
import { signColor, theme } from "../theme.ts";

export interface SparklineProps {
  readonly values: readonly number[];
  readonly width: number;
  readonly height?: number;
  /** Shown when there are no points yet. */
  readonly emptyText?: string;
}

export function Sparkline({ values, width, height = 3, emptyText = "no equity marks yet" }: SparklineProps) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) {
    return (
      <Box height={height}>
        <Text color={theme.muted}>{emptyText}</Text>
      </Box>
    );
  }
  const hi = Math.max(...finite);
  const lo = Math.min(...finite);
  const labels = [money(hi), money(lo)];
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const chartWidth = Math.max(4, width - labelWidth - 2);
  const rows = sparklineRows(finite, chartWidth, height);
  const color = signColor(finite[finite.length - 1]! - finite[0]!);
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => {
        const label = i === 0 ? labels[0]! : i === rows.length - 1 ? labels[1]! : "";
        return (
          <Text key={i}>
            <Text color={theme.muted}>{label.padStart(labelWidth)} ┤</Text>
            <Text color={color}>{row}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
