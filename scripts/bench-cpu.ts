/**
 * Where the machine's cores go during a scenario, from /proc (Linux): the CPU time of named groups of processes
 * (the service's instances, PostgreSQL's backends, the bench itself) and of the whole machine, between two samples.
 * Everything is in clock ticks on both sides, so the shares need no tick rate.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Cores used over the interval (1 = one core busy all the time), by group; `other` and `idle` of the machine. */
export type CpuFigures = Record<string, number | null>;

interface Sample {
  /** user + system ticks of each process, by pid. */
  ticks: Map<number, number>;
  machineTicks: number;
  idleTicks: number;
}

export interface CpuMeter {
  /** Ends the interval: each group's cores, `other` (busy outside the groups: Redis, the kernel, ...) and `idle`. */
  stop(): CpuFigures;
}

/**
 * Starts measuring the given processes; a group is a list of pids or the name of a program (`postgres`), whose
 * processes are looked up at both ends: PostgreSQL starts a backend for each new pool connection.
 */
export function startCpuMeter(groups: Record<string, number[] | string>): CpuMeter {
  const pidsOf = (group: number[] | string) => (typeof group === 'string' ? pidsNamed(group) : group);
  const first = sample(Object.values(groups).flatMap(pidsOf));
  const cores = machineCores();
  return {
    stop() {
      const members = Object.entries(groups).map(([name, group]) => [name, pidsOf(group)] as const);
      const last = sample(members.flatMap(([, pids]) => pids));
      const elapsed = last.machineTicks - first.machineTicks;
      const share = (ticks: number) => (elapsed > 0 ? round2((ticks / elapsed) * cores) : null);
      // A process born during the interval counts whole; one that exited is left out, its ticks gone with it.
      const used = (pids: number[]) =>
        pids.reduce((sum, pid) => sum + (last.ticks.get(pid) ?? 0) - (first.ticks.get(pid) ?? 0), 0);
      const figures: CpuFigures = {};
      let grouped = 0;
      for (const [name, pids] of members) {
        const ticks = used(pids.filter((pid) => last.ticks.has(pid)));
        grouped += ticks;
        figures[name] = share(ticks);
      }
      const idle = last.idleTicks - first.idleTicks;
      figures.other = share(Math.max(0, elapsed - idle - grouped));
      figures.idle = share(idle);
      return figures;
    },
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function sample(pids: number[]): Sample {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const used = processTicks(pid);
    if (used !== null) ticks.set(pid, used);
  }
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  return {
    ticks,
    machineTicks: user + nice + system + idle + iowait + irq + softirq + steal,
    idleTicks: idle + iowait,
  };
}

/** utime + stime of a process (all its threads), or null once it is gone. */
function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: count fields after it (state is field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[14 - 3]) + Number(fields[15 - 3]);
  } catch {
    return null;
  }
}

function pidsNamed(command: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function machineCores(): number {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line)).length;
}
