// A certificate authority of the test's own, made with openssl: a server certificate for
// 127.0.0.1 and localhost and a client certificate, both signed by it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const openssl = (args, cwd) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

function signed(dir, name, subject, extensions) {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`], dir);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
}

/** Writes ca.pem, server.pem, server-key.pem, client.pem and client-key.pem into `dir`; returns their paths and PEM texts. */
export function makeCertificates(dir) {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Spinel test CA', '-days', '2', '-keyout', 'ca-key.pem', '-out', 'ca.pem'], dir);
  signed(dir, 'server', '/CN=localhost', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  signed(dir, 'client', '/CN=spinel-agent', 'extendedKeyUsage=clientAuth\n');
  const file = (name) => path.join(dir, name);
  const text = (name) => readFileSync(file(name), 'utf8');
  return {
    files: { ca: file('ca.pem'), cert: file('server.pem'), key: file('server-key.pem'), clientCert: file('client.pem'), clientKey: file('client-key.pem') },
    ca: text('ca.pem'),
    cert: text('server.pem'),
    key: text('server-key.pem'),
  };
}
