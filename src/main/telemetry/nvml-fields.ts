/**
 * Two NVML reads that are not one value per call: the instantaneous and 1 s-average power from
 * nvmlDeviceGetFieldValues (fields 186 and 185, drivers ≥ 530, Ampere and later for the average),
 * and PCIe throughput, which blocks about 20 ms in the driver while it samples and so is read
 * on koffi's worker threads, a TX/RX pair at a time.
 */
import type { NvmlFunctions } from './nvml-library';

/** nvmlFieldValue_t is 40 bytes: fieldId, scopeId, timestamp, latencyUsec, valueType, nvmlReturn, value. */
const FIELD_BYTES = 40;
const FI_POWER_AVERAGE = 185;
const FI_POWER_INSTANT = 186;
export const POWER_FIELDS_BYTES = 2 * FIELD_BYTES;

/** A field value by its nvmlValueType_t: 0 double, 1 unsigned int, 2 unsigned long, 3 unsigned long long, 4 signed long long. */
function fieldNumber(b: Buffer, at: number): number | null {
  if (b.readInt32LE(at + 28) !== 0) return null; // this field's own nvmlReturn
  switch (b.readInt32LE(at + 24)) {
    case 0:
      return b.readDoubleLE(at + 32);
    case 1:
      return b.readUInt32LE(at + 32);
    case 2:
    case 3:
      return Number(b.readBigUInt64LE(at + 32));
    case 4:
      return Number(b.readBigInt64LE(at + 32));
    default:
      return null;
  }
}

/** Asks for both power fields into `b` (POWER_FIELDS_BYTES); the call's code, and each in W or null. */
export function readPowerFields(fieldValues: NonNullable<NvmlFunctions['fieldValues']>, handle: bigint, b: Buffer): { code: number; avgW: number | null; instantW: number | null } {
  b.fill(0);
  b.writeUInt32LE(FI_POWER_AVERAGE, 0);
  b.writeUInt32LE(FI_POWER_INSTANT, FIELD_BYTES);
  const code = fieldValues(handle, 2, b) as number;
  if (code !== 0) return { code, avgW: null, instantW: null };
  const avg = fieldNumber(b, 0);
  const instant = fieldNumber(b, FIELD_BYTES);
  return { code, avgW: avg === null ? null : avg / 1000, instantW: instant === null ? null : instant / 1000 };
}

export interface PcieState {
  tx: number | null;
  rx: number | null;
  inFlight: boolean;
  lastMs: number;
  unsupported: boolean;
}

/** Starts a TX/RX pair off the main thread unless one is in flight; results land in `state`. */
export function requestPcie(pcie: NonNullable<NvmlFunctions['pcie']>, handle: bigint, state: PcieState, nowMs: number): void {
  state.inFlight = true;
  state.lastMs = nowMs;
  const tx = new Uint32Array(1);
  const rx = new Uint32Array(1);
  let left = 2;
  const done = (which: 'tx' | 'rx', buf: Uint32Array) => (err: unknown, code: number) => {
    if (err || code !== 0) state.unsupported = true;
    else state[which] = buf[0] ?? null;
    if (--left === 0) state.inFlight = false;
  };
  pcie.async(handle, 0, tx, done('tx', tx));
  pcie.async(handle, 1, rx, done('rx', rx));
}
