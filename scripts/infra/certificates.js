'use strict';
// A throw-away PKI made with the machine's `openssl`, for the secured-connections test: a CA, a
// server certificate for 127.0.0.1 (the broker and FerretDB), a client certificate, and a second
// CA that signed none of them (what an "untrusted certificate" is to a client that trusts only it).
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const openssl = (args, cwd) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

function selfSignedCa(dir, name) {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`,
    '-keyout', `${name}.key`, '-out', `${name}.pem`], dir);
}

function signed(dir, name, ca, extensions) {
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2',
    '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
}

/** Writes the PEM files into `dir` and returns their paths (keys are unencrypted PKCS#8). */
function makeTestCertificates(dir) {
  fs.mkdirSync(dir, { recursive: true });
  selfSignedCa(dir, 'ca');
  selfSignedCa(dir, 'other-ca');
  signed(dir, 'server', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n');
  signed(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  const file = (name) => path.join(dir, name);
  // Kafka's PEM keystore: the private key and its certificate in one file.
  fs.writeFileSync(file('server-keystore.pem'), fs.readFileSync(file('server.key'), 'utf8') + fs.readFileSync(file('server.pem'), 'utf8'));
  return {
    caFile: file('ca.pem'),
    otherCaFile: file('other-ca.pem'),
    serverCertFile: file('server.pem'),
    serverKeyFile: file('server.key'),
    serverKeystoreFile: file('server-keystore.pem'),
    clientCertFile: file('client.pem'),
    clientKeyFile: file('client.key'),
  };
}

module.exports = { makeTestCertificates };
