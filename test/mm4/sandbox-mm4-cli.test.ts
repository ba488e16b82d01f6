import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';

// `porm sandbox-mm4` as a user runs it: it prints where it listens and the password it made up,
// and an SMTP client logging in with them is let in (a wrong password is not).

async function smtpAuth(port: number, user: string, password: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  const wait = (re: RegExp): Promise<void> => new Promise((resolve, reject) => {
    const check = (): void => {
      if (re.test(text)) {
        socket.off('data', onData);
        resolve();
      }
    };
    const onData = (c: Buffer): void => { text += c.toString('latin1'); check(); };
    socket.on('data', onData);
    socket.once('error', reject);
    check();
  });
  await wait(/^220 .*\r\n/m);
  socket.write('EHLO test\r\n');
  await wait(/^250 .*\r\n/m);
  socket.write(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}\r\n`);
  await wait(/^(235|535) .*\r\n/m);
  socket.destroy();
  return /^(235|535)/m.exec(text)![1]!;
}

test('porm sandbox-mm4 listens, prints its credentials, and lets porm log in with them', async () => {
  const child = spawn(process.execPath, ['bin/porm.js', 'sandbox-mm4', '--port', '0', '--answer-to', '127.0.0.1:9'], { env: { ...process.env, PORM_CONFIG: '' } });
  try {
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
    const started = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/test numbers/.test(err)) {
          clearInterval(timer);
          resolve(err);
        }
      }, 50);
      child.once('exit', (code) => { clearInterval(timer); reject(new Error(`exited ${code}: ${err}`)); });
    });
    const port = Number(/smtp:\/\/127\.0\.0\.1:(\d+)/.exec(started)![1]);
    const [, user, password] = /credentials {2}(\S+) \/ (\S+)/.exec(started)!;
    assert.equal(user, 'porm');
    assert.equal(await smtpAuth(port, user!, password!), '235');
    assert.equal(await smtpAuth(port, user!, 'wrong-password'), '535');
  } finally {
    child.kill('SIGTERM');
  }
});

test('porm sandbox-mm4 refuses a bad --answer-to with a usage error', async () => {
  const child = spawn(process.execPath, ['bin/porm.js', 'sandbox-mm4', '--answer-to', 'nowhere'], { env: { ...process.env, PORM_CONFIG: '' } });
  let err = '';
  child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(err, /--answer-to must be host:port, .*\[PORM_CLI_USAGE\]/);
});
