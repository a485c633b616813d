/**
 * The engine's equality for tests: equal states give equal text. A replica log shares its record array with
 * later states, which may have appended to it, so two equal states can differ in what toEqual sees.
 */
export { canonical } from '../core/trace';
