#!/usr/bin/env node
// What Node's dgram costs before any parsing (issue 34): a receiver that only decodes each
// datagram to a string, fed 1,400-byte datagrams at about the statsd bench's rate (22 every 10 ms,
// from a sender process of its own), CPU of the receiving process by process.cpuUsage().
//   node bench/udp-floor.mjs
//   <path to node 26> bench/udp-floor.mjs
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';

const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 << 20 });
let received = 0;
socket.on('message', (message) => {
  received++;
  message.toString('utf8');
});
await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
const { port } = socket.address();
const sender = spawn(
  process.execPath,
  [
    '-e',
    `const s = require('node:dgram').createSocket('udp4'); const p = Buffer.alloc(1400, 97);
     setInterval(() => { for (let i = 0; i < 22; i++) s.send(p, ${port}, '127.0.0.1'); }, 10);`,
  ],
  { stdio: 'inherit' },
);
await new Promise((resolve) => setTimeout(resolve, 2000));
const cpu0 = process.cpuUsage();
const count0 = received;
await new Promise((resolve) => setTimeout(resolve, 8000));
const cpu = process.cpuUsage(cpu0);
const datagrams = received - count0;
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `${process.version}: ${(datagrams / 8).toFixed(0)} datagrams/s, ${(cpuMs / 8).toFixed(1)} CPU ms/s, ${((cpuMs * 1000) / datagrams).toFixed(1)} µs per datagram`,
);
sender.kill();
socket.close();
