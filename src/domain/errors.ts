// The one error template outside the contract (its own are in src/wire/errors.ts).
import { template } from '../wire/errors.ts';

/** Answered only by the deliberate fault `tenancy-403`: the contract never answers 403. */
export const FORBIDDEN = template('forbidden', 403, 'This resource belongs to another workspace.');
