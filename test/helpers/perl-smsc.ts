import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// The SMSC played by Perl's Net::SMPP (test/peers/smpp-smsc.pl): its port, every line it printed.

export const perlSmppMissing: string | false = spawnSync('perl', ['-MNet::SMPP', '-e', '1']).status === 0
  ? false : 'perl with Net::SMPP (Debian libnet-smpp-perl) is not installed';

export class PerlSmsc {
  readonly lines: string[] = [];
  private constructor(private readonly child: ChildProcessWithoutNullStreams, readonly port: number) {}

  static async start(): Promise<PerlSmsc> {
    const child = spawn('perl', [join(import.meta.dirname, '..', 'peers', 'smpp-smsc.pl')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`smpp-smsc.pl exited with ${code}`)));
      rl.on('line', (line) => {
        const m = /^PORT (\d+)$/.exec(line);
        if (m) resolve(Number(m[1]));
        else lines.push(line);
      });
    });
    const smsc = new PerlSmsc(child, port);
    rl.on('line', (line) => smsc.lines.push(line));
    smsc.lines.push(...lines);
    return smsc;
  }

  submits(dest: string): Array<{ conn: number; dc: number; esm: number; hex: string }> {
    return this.lines.filter((l) => l.startsWith('SUBMIT ')).map((l) => l.split(' ')).filter((p) => p[3] === dest)
      .map((p) => ({ conn: Number(p[1]), dc: Number(p[4]), esm: Number(p[5]), hex: p[6] ?? '' }));
  }

  mo(from: string, to: string, dataCoding: number, esmClass: number, userData: Buffer): void {
    this.child.stdin.write(`MO ${from} ${to} ${dataCoding} ${esmClass} ${userData.toString('hex')}\n`);
  }

  stop(): void {
    this.child.kill();
  }
}

