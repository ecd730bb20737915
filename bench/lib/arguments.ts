/**
 * A bench's command line. `--help` prints the usage and stops before anything is built, started
 * or measured, so `npm run bench -- <name> --help` is a quick check that the bench still loads
 * (tests/unit/bench-commands.test.ts runs it for every bench). An unknown option or a count that
 * is not a whole number stops with a plain message, rather than measuring NaN runs for minutes.
 */
export interface BenchArguments {
  /** The positional argument at `index` (0 is the first after the bench's name), if given. */
  text(index: number): string | undefined;
  /** All positional arguments. */
  all(): string[];
  /** A whole number of 1 or more at `index`, or `fallback` when it is not given. */
  count(index: number, fallback: number, what: string): number;
}

export function benchArguments(usage: string): BenchArguments {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  const stop = (problem: string): never => {
    process.stderr.write(`${problem}\n\n${usage.trim()}\n`);
    process.exit(2);
  };
  const option = args.find((arg) => arg.startsWith('-'));
  if (option !== undefined) stop(`"${option}" is not an option of this bench.`);
  return {
    text: (index) => args[index],
    all: () => [...args],
    count: (index, fallback, what) => {
      const given = args[index];
      if (given === undefined) return fallback;
      const value = Number(given);
      if (!Number.isInteger(value) || value < 1)
        stop(`The ${what} must be a whole number of 1 or more, not "${given}".`);
      return value;
    },
  };
}
