// Child processes of a test run: started with their output in a log file,
// awaited until ready, stopped by pid. Every pid is also written to
// <runDir>/pids/ so the next run in the same folder can end leftovers of a
// run that was killed before it could clean up.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const running = new Set();

// SIGTERM, not SIGKILL: a killed nginx master would leave its workers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function tailOf(file, lines = 20) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

// Ends processes recorded by an earlier run in runDir that still run there
// (every process is started with runDir as its working directory; a pid
// alone may have been reused by now).
export async function killLeftovers(runDir) {
  const pidDir = join(runDir, 'pids');
  if (!existsSync(pidDir)) return;
  const alive = (pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === runDir;
    } catch {
      return false;
    }
  };
  const pids = readdirSync(pidDir).map((name) => Number(readFileSync(join(pidDir, name), 'utf8'))).filter(alive);
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(50);
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
}

/**
 * Starts `command args` and resolves once `ready()` returns true.
 * Returns { name, pid, logFile, exited, stop() }.
 */
export async function startProcess({ name, command, args, cwd, runDir, env, ready, timeoutMs = 15000 }) {
  const logFile = join(runDir, `${name}.log`);
  const pidDir = join(runDir, 'pids');
  mkdirSync(pidDir, { recursive: true });
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: cwd ?? runDir, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pidFile = join(pidDir, `${name}.pid`);
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      running.delete(child);
      rmSync(pidFile, { force: true });
      resolve(exitInfo);
    });
  });
  const spawned = await new Promise((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', (error) => resolve(error));
  });
  if (spawned) throw new Error(`${name}: cannot start ${command}: ${spawned.message}`);
  running.add(child);
  writeFileSync(pidFile, String(child.pid));

  const stop = async (timeout = 5000) => {
    if (exitInfo) return exitInfo;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    const info = await exited;
    clearTimeout(timer);
    return info;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitInfo) {
      throw new Error(`${name} exited (${JSON.stringify(exitInfo)}) before it was ready:\n${tailOf(logFile)}`);
    }
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${tailOf(logFile)}`);
    }
    await sleep(50);
  }
  return { name, pid: child.pid, logFile, exited, stop };
}

export async function httpOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return response.ok;
}
