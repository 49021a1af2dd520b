/** prefix of the one line a bench child prints with its figures */
export const RESULT_MARK = 'BENCH_RESULT ';
