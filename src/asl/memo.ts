// Answers computed once per string argument (paths, resource ARNs, intrinsic
// calls of definitions), in a memo emptied when it holds `limit` answers so
// that a long-running server does not grow with every definition it sees.

/** `compute` memoized by its argument; answers are shared: never mutate them. */
export function memoize<T>(compute: (key: string) => T, limit = 1000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let answer = memo.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, answer);
    }
    return answer;
  };
}
