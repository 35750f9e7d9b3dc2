import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX = '/usr/sbin/nginx';

/**
 * The proxy part of a national installation's nginx (docs/OPERATIONS.md shows the whole file):
 * several stateless instances in one upstream, the event stream unbuffered. For tests, a request
 * carrying `x-test-instance: a` or `b` goes to that one instance, so a test can show that what one
 * instance did (a session, a live event) is seen through the other; everything else is balanced.
 */
export function proxyConfig(instances: { a: number; b: number }, listen: number, dir: string): string {
  return `
daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream utvag { server 127.0.0.1:${instances.a} max_fails=1 fail_timeout=10s; server 127.0.0.1:${instances.b} max_fails=1 fail_timeout=10s; keepalive 16; }
  upstream utvag_a { server 127.0.0.1:${instances.a}; }
  upstream utvag_b { server 127.0.0.1:${instances.b}; }
  map $http_x_test_instance $pool { a utvag_a; b utvag_b; default utvag; }
  server {
    listen 127.0.0.1:${listen};
    client_max_body_size 12m;
    location / {
      proxy_pass http://$pool;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
    location = /api/v1/events {
      proxy_pass http://$pool;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

export type RunningNginx = { origin: string; stop: () => Promise<void>; log: () => Promise<string> };

/** Starts Debian's nginx in the foreground on `listen` with `config`; resolves once it answers. */
export async function startNginx(listen: number, config: (dir: string) => string): Promise<RunningNginx> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'utvag-nginx-'));
  // Run as root, nginx's workers drop to `nobody`: they must be able to write their temp paths.
  await chmod(dir, 0o755);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(path.join(dir, sub));
    await chmod(path.join(dir, sub), 0o777);
  }
  await writeFile(path.join(dir, 'nginx.conf'), config(dir));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const origin = `http://localhost:${listen}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    // Ready once it accepts a connection. Not by an HTTP request: one proxied before the instances
    // listen would mark every upstream server failed for its fail_timeout, and the next requests
    // would get "no live upstreams" (502) although both instances are up by then.
    if (await accepts(listen)) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    origin,
    log: async () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => ''),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((res) => child.once('exit', res));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
