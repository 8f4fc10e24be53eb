// A ZooKeeper of a test's own (Debian's zookeeper 3.8, a JVM) on 127.0.0.1 and a free port, standalone,
// its data in a temp folder, the `mntr` and `ruok` four-letter commands allowed, no admin server.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverProcess } from './process.mjs';

export const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
export const haveZookeeper = existsSync(ZOOKEEPER_JAR) && existsSync('/usr/bin/java');

/** The jars ZooKeeper's own scripts put on its class path: Debian's /usr/share/java. */
function classPath() {
  const wanted =
    /^(zookeeper|zookeeper-jute|netty-[a-z-]+|slf4j-api|log4j-1\.2|slf4j-log4j12|commons-cli|metrics-core|jline|audience-annotations|snappy-java)\.jar$/;
  return readdirSync('/usr/share/java')
    .filter((jar) => wanted.test(jar))
    .map((jar) => path.join('/usr/share/java', jar))
    .join(':');
}

/**
 * True once ZooKeeper serves: its `mntr` answer holds zk_server_state. `ruok` says imok as soon as
 * the JVM listens, while mntr still answers "This ZooKeeper instance is not currently serving
 * requests" (a test that read it then found no figures). A probe that gets no answer gives up
 * after a second: a JVM still starting can accept the connection and say nothing, and a probe
 * left waiting would stall the start for good (it did, twice, under a loaded machine).
 */
function serving(port) {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.end('mntr\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('data', (d) => (text += d));
    socket.on('close', () => resolve(text.includes('zk_server_state')));
    socket.on('error', () => resolve(false));
  });
}

export async function startZookeeper() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-zookeeper-'));
  const port = await freePort();
  const cfg = path.join(dir, 'zoo.cfg');
  writeFileSync(
    cfg,
    `tickTime=2000\ndataDir=${dir}\nclientPort=${port}\nclientPortAddress=127.0.0.1\n4lw.commands.whitelist=mntr,ruok\nadmin.enableServer=false\n`,
  );
  const args = [
    '-Xmx64m',
    `-Dzookeeper.log.dir=${dir}`,
    '-Dlog4j.configuration=file:/dev/null',
    '-cp',
    classPath(),
    'org.apache.zookeeper.server.quorum.QuorumPeerMain',
    cfg,
  ];
  const lifecycle = serverProcess('zookeeper', '/usr/bin/java', args, { ready: () => serving(port), attempts: 200, pollMs: 100 });
  const server = { host: '127.0.0.1', port, connect: `127.0.0.1:${port}`, start: lifecycle.start, stop: lifecycle.stop };
  await server.start();
  return server;
}
