/**
 * The terminal's size, updated on resize. Falls back to 80×24 when the output is not a TTY (and
 * never goes below 40×12, where nothing useful fits anyway).
 */
import { useStdout } from "ink";
import { useEffect, useState } from "react";

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

function read(out: { columns?: number; rows?: number } | undefined): TerminalSize {
  const columns = out?.columns && out.columns > 0 ? out.columns : 80;
  const rows = out?.rows && out.rows > 0 ? out.rows : 24;
  return { columns: Math.max(40, columns), rows: Math.max(12, rows) };
}

export function useTerminalSize(override?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => override ?? read(stdout as { columns?: number; rows?: number }));
  useEffect(() => {
    if (override) return;
    const onResize = () => setSize(read(stdout as { columns?: number; rows?: number }));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, override]);
  return override ?? size;
}
