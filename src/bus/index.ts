/** Public entry of the event bus. */
export { RingBuffer, BusOverflowError } from "./ring-buffer.ts";
export type { OverflowPolicy } from "./ring-buffer.ts";
export { NumericRing } from "./numeric-ring.ts";
export { EventBus, topic } from "./event-bus.ts";
export type { BusMessage } from "./event-bus.ts";
