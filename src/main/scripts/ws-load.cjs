// WebSocket load client for ws-benchmark.sh (not a test): CLIENTS connections to /ws/status of a
// running service while RUNS paper runs execute, each client following one run. Prints delivered
// messages/s, delivery delay percentiles (the publish timestamp in each message to its arrival; both
// ends share the machine's clock), drops, unexpected disconnects and the service's peak RSS.
// Written for Node with the `ws` package: a light client leaves the machine's cores to the service.
const WebSocket = require('ws');
const fs = require('fs');

const [base, password, clients, runs, seconds, pid] = process.argv.slice(2);
const delays = new Uint32Array(60001);
let messages = 0;
let measuring = false;
let closing = false;
let unexpected = 0;

async function call(method, path, body, token) {
  const headers = {'Content-Type': 'application/json'};
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(base + path, {method, headers, body: body && JSON.stringify(body)});
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.headers.get('content-type')?.includes('json') ? response.json() : response.text();
}

function counter(metrics, name) {
  return metrics.split('\n').filter(l => l.startsWith(name + '{') || l.startsWith(name + ' '))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

function rssKb() {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
    return Number(line.replace(/\D/g, ''));
  } catch (e) {
    return 0;
  }
}

function percentile(p) {
  const total = delays.reduce((a, b) => a + b, 0);
  const rank = Math.max(1, Math.ceil(total * p));
  let seen = 0;
  for (let i = 0; i < delays.length; i++) {
    seen += delays[i];
    if (seen >= rank) return i;
  }
  return delays.length - 1;
}

(async () => {
  const token = (await call('POST', '/api/auth/login', {username: 'admin', password})).access_token;
  const symbols = ['BTC', 'ETH', 'SOL', 'BNB', 'XRP', 'ADA', 'DOGE', 'LTC', 'DOT', 'AVAX'];
  const runIds = [];
  for (let r = 0; r < Number(runs); r++) {
    runIds.push((await call('POST', '/api/v1/runs', {strategy_name: 'MovingAverageCross',
      strategy_params: {fast_period: 2, slow_period: 5}, symbols: [symbols[r % 10] + '/USDT'], timeframe: '1m',
      mode: 'paper'}, token)).run_id);
  }
  const url = base.replace(/^http/, 'ws');
  const sockets = [];
  for (let c = 0; c < Number(clients); c++) {
    const ws = new WebSocket(`${url}/ws/status?run_id=${runIds[c % runIds.length]}`,
      {headers: {Authorization: 'Bearer ' + token}});
    ws.on('message', data => {
      if (!measuring) return;
      const now = Date.now();
      const text = data.toString();
      // The envelope's own timestamp is its last field: {"type":..,"payload":..,"timestamp":"..."}.
      const at = text.lastIndexOf('"timestamp":"');
      if (at < 0) return;
      const from = at + 13;
      const delay = Math.max(0, now - Date.parse(text.slice(from, text.indexOf('"', from))));
      delays[Math.min(60000, delay)]++;
      messages++;
    });
    ws.on('close', () => { if (!closing) unexpected++; });
    ws.on('error', () => { if (!closing) unexpected++; });
    sockets.push(new Promise((resolve, reject) => { ws.once('open', () => resolve(ws)); ws.once('error', reject); }));
  }
  const open = await Promise.all(sockets);
  console.log(`${open.length} clients connected, ${runIds.length} paper runs running; warming up 5 s, measuring ${seconds} s`);
  await new Promise(r => setTimeout(r, 5000));
  const before = await call('GET', '/q/metrics', null, null);
  measuring = true;
  const start = Date.now();
  let rssPeak = 0;
  for (let s = 0; s < Number(seconds); s++) {
    await new Promise(r => setTimeout(r, 1000));
    rssPeak = Math.max(rssPeak, rssKb());
  }
  measuring = false;
  const elapsed = (Date.now() - start) / 1000;
  const after = await call('GET', '/q/metrics', null, null);
  closing = true;
  open.forEach(ws => ws.close(1000, 'done'));
  for (const id of runIds) await call('DELETE', '/api/v1/runs/' + id, null, token);

  const diff = name => counter(after, name) - counter(before, name);
  console.log(`clients                 ${clients} on /ws/status, ${runs} paper runs (1m bars, MA 2/5, clock 600x)`);
  console.log(`delivered               ${messages} messages in ${elapsed.toFixed(1)} s = ${(messages / elapsed).toFixed(0)} messages/s`);
  console.log(`delivery delay          p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms, p99.9 ${percentile(0.999)} ms, max ${percentile(1)} ms`);
  console.log(`dropped by the service  ${diff('cracktrader_ws_messages_dropped_total')} conflated status updates, ${diff('cracktrader_ws_fills_not_streamed_total')} fills not streamed`);
  console.log(`slow clients closed     ${counter(after, 'cracktrader_ws_slow_clients_closed_total')}; unexpected disconnects ${unexpected}`);
  console.log(`service RSS             peak ${(rssPeak / 1024).toFixed(0)} MB`);
  process.exit(0);
})().catch(e => { console.error(e); process.exit(1); });
