// A one-node Slurm cluster on this machine for the tests: munge, slurmctld and slurmd started
// from a slurm.conf written at run time into a temporary directory, all inside a network
// namespace of their own whose only interface is loopback, so nothing listens beyond it.
// Commands reach the cluster through nsenter into that namespace. Needs root (namespaces,
// daemons) and Debian's slurm-wlm and munge (bin/setup.sh installs them).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export interface LocalCluster {
  dir: string;
  /** Runs a command inside the cluster's namespace with SLURM_CONF set; throws on a non-zero exit. */
  run(command: string, args: string[], env?: Record<string, string>, cwd?: string): string;
  /** A job's (or array task's) state as sacct-less Slurm reports it: squeue while queued, else scontrol. */
  state(job: string): string;
  stop(): void;
}

const NEEDED = ['unshare', 'nsenter', 'ip', 'mungekey', 'munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'scancel'];

/** Why this machine cannot start the cluster, or undefined when it can. */
export function missingForCluster(): string | undefined {
  if (process.getuid?.() !== 0) return 'the local Slurm cluster needs root (network namespace, daemons)';
  const absent = NEEDED.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
  return absent.length ? `not installed: ${absent.join(', ')} (bash bin/setup.sh installs slurm-wlm and munge)` : undefined;
}

function check(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

export async function startCluster(): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'confine-slurm-'));
  for (const d of ['state', 'spool', 'log', 'munge']) mkdirSync(join(dir, d));
  // A process that holds the namespace open for as long as the cluster lives.
  const holder = spawn('unshare', ['--net', 'sleep', 'infinity'], { stdio: 'ignore', detached: true });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const ns = `--net=/proc/${holder.pid}/ns/net`;
  const conf = join(dir, 'slurm.conf');
  const inside = (command: string, args: string[], env: Record<string, string> = {}, cwd?: string) =>
    spawnSync('nsenter', [ns, '--', command, ...args], { encoding: 'utf8', cwd, env: { ...process.env, SLURM_CONF: conf, ...env } });
  const stopped: (() => void)[] = [() => { try { process.kill(holder.pid!); } catch { /* already gone */ } }];
  const stop = () => {
    for (const s of stopped.reverse()) s();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    check(inside('ip', ['link', 'set', 'lo', 'up']), 'ip link set lo up');
    // Slurm resolves addresses with AI_ADDRCONFIG, which counts no 127/8 address as configured:
    // a documentation-range address (TEST-NET-1) on the same loopback interface satisfies it.
    check(inside('ip', ['addr', 'add', '192.0.2.1/32', 'dev', 'lo']), 'ip addr add');
    const munge = join(dir, 'munge');
    check(inside('mungekey', ['-c', '-k', join(munge, 'munge.key')]), 'mungekey');
    const socket = join(munge, 'socket');
    check(inside('munged', ['--force', `--socket=${socket}`, `--key-file=${join(munge, 'munge.key')}`, `--log-file=${join(munge, 'log')}`,
      `--pid-file=${join(munge, 'pid')}`, `--seed-file=${join(munge, 'seed')}`]), 'munged');
    stopped.push(() => spawnSync('munged', [`--socket=${socket}`, '--stop']));
    const node = hostname();
    const memoryMb = Math.floor((totalmem() / 2 ** 20) * 0.8);
    writeFileSync(conf, [
      'ClusterName=confinetest', `SlurmctldHost=${node}(127.0.0.1)`, 'SlurmctldPort=6817', 'SlurmdPort=6818',
      'AuthType=auth/munge',
      // cred_expire also holds a requeued job back that long before it may start again (120 s by default).
      `AuthInfo=socket=${socket},cred_expire=10`, 'CredType=cred/munge', 'SlurmUser=root', 'SlurmdUser=root',
      `StateSaveLocation=${join(dir, 'state')}`, `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`, `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`, `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
      'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'SwitchType=switch/none', 'MpiDefault=none',
      'ReturnToService=2', 'SchedulerType=sched/builtin', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_Core_Memory',
      'JobCompType=jobcomp/none', 'AccountingStorageType=accounting_storage/none', 'JobAcctGatherType=jobacct_gather/none',
      // A finished job stays visible to scontrol for 10 minutes, so a test can read how it ended.
      'MinJobAge=600',
      `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${cpus().length} RealMemory=${memoryMb} State=UNKNOWN`,
      `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
    ].join('\n') + '\n');
    check(inside('slurmctld', ['-f', conf]), 'slurmctld');
    stopped.push(() => killPidFile(join(dir, 'slurmctld.pid')));
    check(inside('slurmd', ['-f', conf]), 'slurmd');
    stopped.push(() => killPidFile(join(dir, 'slurmd.pid')));
    await waitFor(() => inside('sinfo', ['-h', '-o', '%T']).stdout.trim() === 'idle', 30_000, () => readLogs(dir));
  } catch (error) {
    stop();
    throw error;
  }
  return {
    dir,
    run: (command, args, env, cwd) => check(inside(command, args, env, cwd), `${command} ${args.join(' ')}`),
    state: (job) => {
      const queued = inside('squeue', ['-h', '-j', job, '-o', '%T']).stdout.trim();
      if (queued) return queued;
      return /JobState=(\w+)/.exec(inside('scontrol', ['show', 'job', job]).stdout)?.[1] ?? 'UNKNOWN';
    },
    stop,
  };
}

function killPidFile(file: string): void {
  try {
    process.kill(Number(readFileSync(file, 'utf8').trim()), 'SIGTERM');
  } catch { /* not started or already gone */ }
}

function readLogs(dir: string): string {
  return ['slurmctld.log', 'slurmd.log'].map((f) => {
    try {
      return `${f}:\n${readFileSync(join(dir, 'log', f), 'utf8').split('\n').slice(-15).join('\n')}`;
    } catch {
      return `${f}: none`;
    }
  }).join('\n');
}

export async function waitFor(done: () => boolean, timeoutMs: number, explain: () => string = () => ''): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s\n${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
