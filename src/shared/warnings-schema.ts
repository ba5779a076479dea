import { z } from 'zod';

/** The wire form of a MeasurementWarning (see warnings.ts): a code and its sentence. */
export const WarningSchema = z.object({ code: z.string(), message: z.string() }).passthrough();
