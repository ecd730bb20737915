import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by processes, read from /proc (Linux). Throughput on a shared 2-core machine
 * swings with whatever else runs; the CPU time each request costs the server and the database
 * does not, so the benches print it beside req/s to compare one change with another.
 */
const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process has gone
  }
}

/** User + system CPU milliseconds of one process. Fields 14 and 15 of /proc/pid/stat (1-based). */
function cpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/** A process and its direct children (a PostgreSQL postmaster and its backends). */
function family(pid: number): number[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  return [pid, ...pids.filter((child) => parentOf(child) === pid)];
}

/** Counts CPU used from now on by the given process trees; backends that end in between are missed (they are pooled). */
export function cpuMeter(roots: number[]) {
  const start = new Map<number, number>();
  for (const root of roots) for (const pid of family(root)) start.set(pid, cpuMs(pid));
  return {
    /** CPU milliseconds used since the meter started. */
    elapsed(): number {
      let total = 0;
      for (const root of roots) for (const pid of family(root)) total += cpuMs(pid) - (start.get(pid) ?? 0);
      return total;
    },
  };
}

/** The pid of the PostgreSQL server listening on the URL's port (its postmaster.pid names it). */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}
