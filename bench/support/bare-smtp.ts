// A bare SMTP sink for `npm run bench -- mm4`: takes any login and any mail, answers 250, keeps
// nothing. The baseline for porm's MM4 client: SMTP itself, with no MMSC behind it.
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2]);
const server = new SMTPServer({
  logger: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'],
  onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => callback());
  },
});
server.listen(port, '127.0.0.1', () => process.stderr.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
