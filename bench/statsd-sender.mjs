// Sends StatsD lines with hot-shots (a client applications use) at a steady rate for a while,
// then prints how many it sent. Run by bench/statsd.mjs in a process of its own, so the sender's
// CPU is never counted as the receiver's.
//   node bench/statsd-sender.mjs <port> <lines per second> <seconds> <distinct keys>
import { StatsD } from 'hot-shots';

const [port, rate, seconds, keys] = process.argv.slice(2).map(Number);
const client = new StatsD({ host: '127.0.0.1', port, maxBufferSize: 1400, bufferFlushInterval: 5, errorHandler: () => undefined });
const TICK_MS = 10;
const perTick = Math.round((rate * TICK_MS) / 1000);
let sent = 0;
let key = 0;
const started = Date.now();
await new Promise((resolve) => {
  const timer = setInterval(() => {
    // Catch up to the rate by the clock, so a slow tick does not lower it.
    const due = Math.min(perTick * 4, Math.round(((Date.now() - started) / 1000) * rate) - sent);
    for (let i = 0; i < due; i++) {
      key = (key + 1) % keys;
      switch (i % 4) {
        case 0:
          client.increment(`bench.requests.k${key}`);
          break;
        case 1:
          client.timing(`bench.latency.k${key % 100}`, i % 250);
          break;
        case 2:
          client.gauge(`bench.depth.k${key % 100}`, i);
          break;
        default:
          // Plain StatsD (no DogStatsD tags): collectd's parser rejects a datagram with tags.
          client.set('bench.users', `u${key % 1000}`);
      }
    }
    sent += Math.max(0, due);
    if (Date.now() - started >= seconds * 1000) {
      clearInterval(timer);
      resolve();
    }
  }, TICK_MS);
});
await new Promise((resolve) => client.close(resolve));
console.log(JSON.stringify({ sent, seconds: (Date.now() - started) / 1000 }));
