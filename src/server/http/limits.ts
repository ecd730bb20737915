/**
 * Largest request body any endpoint accepts: a 10 MB evidence file plus the form around it.
 * In a file of its own so a function can import it without the local server's router.
 */
export const MAX_BODY_BYTES = 11 * 1024 * 1024;
