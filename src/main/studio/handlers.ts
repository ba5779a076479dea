/** The shape of the studio's method handlers, so groups of them can live in their own modules. */
import type { Method, ParsedParams, Result } from '../../shared/contract';

export type Handler<M extends Method> = (params: ParsedParams<M>) => Promise<Result<M>> | Result<M>;
export type Handlers = { [M in Method]: Handler<M> };
