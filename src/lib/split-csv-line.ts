/**
 * Splits one CSV line into fields, honouring RFC 4180 double quotes ("a,b" and "" escapes);
 * embedded newlines are not supported. Returns null when a quoted field is not terminated, so
 * each caller can raise its own error naming the file and line.
 */
export function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (quoted) return null;
  out.push(cur);
  return out;
}
