import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { ROOT } from '../lib/paths.ts';

/** Services of a benchmark run: each its own process, optionally pinned to a core. */
export interface Proc {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export const HAS_TASKSET = existsSync('/usr/bin/taskset');

export async function startProcess(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, url: string, core?: number): Promise<Proc> {
  const health = url.replace(/\/graphql$/, '/health');
  const taken = await fetch(health, { signal: AbortSignal.timeout(500) }).then(() => true, () => false);
  if (taken) throw new Error(`${url} already answers: stop what runs there (a server of an earlier run?)`);
  const node = [process.execPath, '--import', 'tsx', script, ...args];
  const cmd = HAS_TASKSET && core !== undefined ? ['taskset', '-c', String(core), ...node] : node;
  const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
  let ready = false;
  for (let i = 0; i < 1200 && !ready; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(1000) });
      // The plain gateway has no /health: any HTTP answer below 500 means it is listening.
      ready = res.ok || (res.status < 500 && name.startsWith('plain'));
    } catch { /* not up yet */ }
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  if (!ready) { child.kill('SIGKILL'); throw new Error(`${name} did not become ready in 5 minutes: ${stderr}`); }
  return {
    name, url, child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }),
  };
}

/** CPU time (ms) a process has used so far, from /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Peak resident memory (MB) of a process, from /proc. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** SQL statements so far, from a service's /metrics. */
export async function sqlStatements(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^hub_sql_statements_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
}
