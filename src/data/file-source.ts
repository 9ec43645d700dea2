/**
 * Byte sources for the readers: file-kind sniffing by magic bytes (not by extension) and a
 * streaming chunk reader that gunzips on the fly, so a large .csv.gz is never held whole in
 * memory and decompression (zlib thread pool) overlaps with parsing.
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createGunzip, type ZlibOptions } from "node:zlib";
import { DataError } from "../core/index.ts";

export type FileKind = "gzip" | "parquet" | "arrow-file" | "arrow-stream" | "text";

/** Checks the path is a readable regular file and sniffs its kind from the first bytes. */
export async function sniffFile(path: string): Promise<{ kind: FileKind; size: number; contentSize: number }> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DataError("not a regular file", { file: path, code: "DATA_NOT_FOUND" });
    size = st.size;
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as { code?: string }).code;
    throw new DataError(code === "ENOENT" ? "file not found" : `cannot read file (${code ?? String(e)})`, { file: path, code: "DATA_NOT_FOUND" });
  }
  const fh = await open(path, "r");
  const head = new Uint8Array(8);
  const tail = new Uint8Array(4);
  try {
    await fh.read(head, 0, 8, 0);
    if (size >= 18) await fh.read(tail, 0, 4, size - 4);
  } finally {
    await fh.close();
  }
  const ascii = new TextDecoder().decode(head.subarray(0, 6));
  const kind: FileKind =
    head[0] === 0x1f && head[1] === 0x8b
      ? "gzip"
      : ascii.startsWith("PAR1")
        ? "parquet"
        : ascii === "ARROW1"
          ? "arrow-file"
          : head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff
            ? "arrow-stream"
            : "text";
  // gzip ISIZE trailer: uncompressed size mod 2^32 (of the last member) — a sizing hint only.
  const isize = (tail[0]! | (tail[1]! << 8) | (tail[2]! << 16)) + tail[3]! * 16777216;
  return { kind, size, contentSize: kind === "gzip" ? Math.max(isize, size) : size };
}

/**
 * Streams the file's bytes (gunzipped when `gzip`). Plain files use Bun's native file stream;
 * gzip goes through node:zlib, whose inflate runs on the libuv thread pool: the large readable
 * buffer lets it decompress ahead on the second core while this thread parses.
 */
export async function* fileChunks(path: string, gzip: boolean): AsyncGenerator<Uint8Array> {
  if (!gzip) {
    // Positional reads into one reused 4 MiB buffer: bounded memory, no stream machinery. The
    // consumer must copy what it keeps (the CSV parser copies only a partial last line).
    const fh = await open(path, "r");
    const buf = new Uint8Array(4 << 20);
    try {
      for (let pos = 0; ; ) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
      }
    } catch (e) {
      if (e instanceof DataError) throw e;
      throw new DataError(`read failed (${e instanceof Error ? e.message : String(e)})`, { file: path, code: "DATA_CORRUPT" });
    } finally {
      await fh.close();
    }
    return;
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const src = raw.pipe(createGunzip({ chunkSize: 1 << 18, readableHighWaterMark: 16 << 20 } as ZlibOptions));
  raw.on("error", (e) => src.destroy(e));
  try {
    for await (const chunk of src) yield chunk as Uint8Array;
  } catch (e) {
    if (e instanceof DataError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new DataError(`gzip data is corrupt or truncated (${msg})`, { file: path, code: "DATA_CORRUPT" });
  } finally {
    raw.destroy();
    src.destroy();
  }
}
