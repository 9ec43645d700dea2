/**
 * Allocation of large Float64 column buffers. On Linux, large buffers are advised for
 * transparent huge pages (madvise MADV_HUGEPAGE through bun:ffi): first-touch page faults
 * dominate filling fresh memory on small VMs (measured ~20 µs per 4 KiB page on the 2-core
 * benchmark VM, i.e. ~200 ms for the 48 MB of a million bars; ~3× less with huge pages).
 * Everywhere else, or if FFI is unavailable, this is a plain allocation.
 */
const HUGE_MIN_BYTES = 8 << 20;
const MADV_HUGEPAGE = 14;

type Madvise = (addr: bigint, len: bigint, advice: number) => number;
let madvise: Madvise | null | undefined;
let ptrOf: ((a: Float64Array) => number) | undefined;

async function init(): Promise<void> {
  if (madvise !== undefined) return;
  madvise = null;
  if (process.platform !== "linux") return;
  try {
    const ffi = await import("bun:ffi");
    const lib = ffi.dlopen("libc.so.6", { madvise: { args: [ffi.FFIType.u64, ffi.FFIType.u64, ffi.FFIType.i32], returns: ffi.FFIType.i32 } });
    madvise = lib.symbols.madvise as unknown as Madvise;
    ptrOf = (a) => ffi.ptr(a);
  } catch {
    madvise = null;
  }
}

/** Loads the FFI binding once; call before allocating (allocation itself stays synchronous). */
export const columnMemoryReady: Promise<void> = init();

/** A zeroed Float64Array of `length`, huge-page advised when large and supported. */
export function allocColumn(length: number): Float64Array {
  const a = new Float64Array(length);
  if (madvise && ptrOf && a.byteLength >= HUGE_MIN_BYTES) {
    const p = ptrOf(a);
    const start = Math.ceil(p / 4096) * 4096;
    const end = Math.floor((p + a.byteLength) / 4096) * 4096;
    if (end > start) madvise(BigInt(start), BigInt(end - start), MADV_HUGEPAGE);
  }
  return a;
}
