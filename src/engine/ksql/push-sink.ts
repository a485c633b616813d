/**
 * A bare push query's rows go to this sink; a second one to PUSH_QUERY_2, and so on. In a file of its own so
 * the runtime can name it without loading the compiler.
 */
export const PUSH_QUERY_SINK = 'PUSH_QUERY';
