'use strict';
// The ceiling of scenario (a): a bare Fastify route answering the same JSON, on
// the same machine, under the same load. Usage: node bench/ceiling-server.js <port> <json>
const fastify = require('fastify')({ logger: false });
const [port, body] = process.argv.slice(2);
const payload = JSON.parse(body);
fastify.post('/v1/verify', async () => payload);
fastify.listen({ host: '127.0.0.1', port: Number(port) }).then(() => process.stdout.write('listening\n'));
