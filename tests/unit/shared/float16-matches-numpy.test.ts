import { describe, expect, it } from 'vitest';
import { clampToFloat16Range, fromFloat16Bits, toFloat16Bits } from '../../../src/shared/float16';

// np.array(VALUES, dtype=np.float32).astype(np.float16).view(np.uint16), numpy 2.4: ties to even,
// subnormals, the overflow threshold 65520, infinities, and random values over 15 decades.
const VALUES = [0.10000000149011612, -3.25, 9.999999974752427e-07, 1000000.0, 0.0, 65504.0, 65519.0, 65520.0, -65536.0, 5.960464477539063e-08, 2 ** -25, 4.470348358154297e-08, 6.103515625e-05, 6.1005353927612305e-05, 1.00146484375, 1.00048828125, 1.00146484375, 5.99999978589949e-08, Infinity, -Infinity, 5.960000137861243e-08, 2.999999892949745e-08, 3.455841723898345e-10, 82.16181182861328, 3.304370665979661e-10, -1.3031572962063365e-05, 0.009053558111190796, 0.0044637457467615604, -5.3695319301994004e-09, 58111.8125, 36.45724105834961, 29413.25, 2.842224233745583e-10, 5.467129707336426, -7.3645410338940565e-06, -0.016290996223688126, -4821.193359375, 5.98846236243844e-06, 0.39722108840942383, -2.9245674326716653e-08, -7.819085112714674e-06, -25719.224609375];
const BITS = [11878, 49792, 17, 31744, 0, 31743, 31743, 31744, 64512, 1, 0, 1, 1024, 1024, 15362, 15360, 15362, 1, 31744, 64512, 1, 1, 0, 21795, 0, 32987, 8355, 7314, 32768, 31512, 20623, 30510, 0, 17784, 32892, 42028, 60597, 100, 13915, 32768, 32899, 63047];

describe('float16 encoding', () => {
  it('rounds exactly as numpy does', () => {
    expect(VALUES.map(toFloat16Bits)).toEqual(BITS);
  });
  it('keeps NaN a NaN and decodes what it encodes', () => {
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(Number.NaN)))).toBe(true);
    expect(fromFloat16Bits(toFloat16Bits(-3.25))).toBe(-3.25);
    expect(fromFloat16Bits(0x7bff)).toBe(65504);
    expect(fromFloat16Bits(1)).toBe(2 ** -24);
  });
  it('clamps finite values into float16 range without turning them into zero or Infinity', () => {
    expect([1e6, -1e6, 1e-12, -1e-12, 0, 0.5].map(clampToFloat16Range)).toEqual([65504, -65504, 2 ** -24, -(2 ** -24), 0, 0.5]);
    expect(clampToFloat16Range(Infinity)).toBe(Infinity);
  });
});
