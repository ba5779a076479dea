/** Results are parsed with the contract's schemas on arrival: the renderer trusts no wire either. */
import { ApiCallError, methods, type Method, type Result } from '../../../shared/contract';

export function parseResult<M extends Method>(method: M, raw: unknown): Result<M> {
  const parsed = methods[method].result.safeParse(raw);
  if (!parsed.success) throw new ApiCallError(`The host sent an unexpected ${method} result.`, 'bad-result');
  return parsed.data as Result<M>;
}
