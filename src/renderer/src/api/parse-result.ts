/** Results are parsed with the contract's schemas on arrival: the renderer trusts no wire either. */
export { parseResult } from '../../../shared/contract';
